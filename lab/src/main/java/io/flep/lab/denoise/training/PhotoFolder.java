package io.flep.lab.denoise.training;

import io.flep.encryption.png.ImageCodec;
import io.flep.plugin.api.image.RasterImage;
import io.flep.workers.dataset.Grey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads the images of a folder ({@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp}, sorted by name) as
 * grey planes: colour through BT.601 luma ({@link Grey}), grey as is, an alpha channel composited over white.
 * Only the requested {@link PhotoSplit} parts are read.
 */
public final class PhotoFolder {

  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp");

  private PhotoFolder() {
  }

  /** Every image of the folder. */
  public static List<GreyPlane> load(Path dir) throws IOException {
    return load(dir, EnumSet.allOf(PhotoSplit.Part.class));
  }

  /**
   * The folder's images that belong to one of {@code parts}.
   *
   * @throws IOException naming the folder or file when the folder is missing or a file is unreadable
   */
  public static List<GreyPlane> load(Path dir, Set<PhotoSplit.Part> parts) throws IOException {
    List<GreyPlane> planes = new ArrayList<>();
    for (Path file : files(dir)) {
      String name = PhotoSplit.baseName(file.getFileName().toString());
      if (!parts.contains(PhotoSplit.partOf(name))) {
        continue;
      }
      RasterImage image = ImageCodec.readImageOverWhite(Files.readAllBytes(file), file.toString());
      planes.add(new GreyPlane(name, image.width(), image.height(), Grey.of(image)));
    }
    return planes;
  }

  /** The image files of {@code dir}, sorted by name. */
  public static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + ": not a folder of images");
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files = s.filter(Files::isRegularFile).filter(PhotoFolder::isImage).sorted().toList();
      if (files.isEmpty()) {
        throw new IOException(dir + ": no images (" + String.join(", ", EXTENSIONS) + ") in the folder");
      }
      return files;
    }
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(n::endsWith);
  }
}
