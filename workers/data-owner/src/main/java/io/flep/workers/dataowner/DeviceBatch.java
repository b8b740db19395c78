package io.flep.workers.dataowner;

import io.flep.workers.dataset.GreyImages;
import io.flep.workers.failure.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A device upload as the generate stage hands it to storage: a ZIP of grey PNGs plus {@code manifest.csv}
 * ({@code index,label,source}). One artifact instead of thousands keeps the hand-over a single reference.
 */
public final class DeviceBatch {
  static final String MEDIA_TYPE = "application/zip";
  private static final String MANIFEST = "manifest.csv";

  private DeviceBatch() {}

  public static byte[] encode(List<DeviceImage> images) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      StringBuilder manifest = new StringBuilder("index,label,source\n");
      for (int i = 0; i < images.size(); i++) {
        DeviceImage image = images.get(i);
        zip.putNextEntry(new ZipEntry(entryName(i)));
        zip.write(GreyImages.encode(image.width(), image.height(), image.pixels()));
        zip.closeEntry();
        manifest.append(i).append(',').append(image.label()).append(',')
            .append(image.sourceName().replace(',', '_').replace('\n', '_')).append('\n');
      }
      zip.putNextEntry(new ZipEntry(MANIFEST));
      zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Entries as stored: PNG bytes with label and source, in index order. */
  public record Entry(int index, int label, String sourceName, byte[] png) {}

  public static List<Entry> decode(byte[] zipBytes) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        files.put(entry.getName(), zip.readAllBytes());
      }
    } catch (IOException e) {
      throw new BadInputException("the device batch is not a readable ZIP: " + e.getMessage(), e);
    }
    byte[] manifest = files.get(MANIFEST);
    if (manifest == null) {
      throw new BadInputException("the device batch has no " + MANIFEST);
    }
    List<Entry> entries = new ArrayList<>();
    String[] lines = new String(manifest, StandardCharsets.UTF_8).split("\n");
    for (int n = 1; n < lines.length; n++) {
      String[] fields = lines[n].split(",", 3);
      int index = Integer.parseInt(fields[0]);
      byte[] png = files.get(entryName(index));
      if (png == null) {
        throw new BadInputException("the device batch lists image " + index + " but does not contain it");
      }
      entries.add(new Entry(index, Integer.parseInt(fields[1]), fields[2], png));
    }
    return entries;
  }

  private static String entryName(int index) {
    return "images/%06d.png".formatted(index);
  }
}
