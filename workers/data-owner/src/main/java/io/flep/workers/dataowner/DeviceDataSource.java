package io.flep.workers.dataowner;

import io.flep.workers.dataset.DigitsSheet;
import io.flep.workers.failure.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the generate stage takes device data from. {@code builtin:digits} is the handwritten-digits sheet
 * shipped with FLEP (OpenCV sample data); any other value is a folder laid out as {@code <label>/<image>}.
 */
public final class DeviceDataSource {
  public static final String BUILTIN_DIGITS = "builtin:digits";

  private DeviceDataSource() {}

  public static List<DeviceImage> read(String source) {
    if (BUILTIN_DIGITS.equals(source)) {
      var images = DigitsSheet.load();
      return java.util.stream.IntStream.range(0, images.size())
          .mapToObj(i -> {
            var image = images.get(i);
            return new DeviceImage("digits.png#" + i, image.label(), image.width(), image.height(), image.pixels());
          })
          .toList();
    }
    Path folder = Path.of(source);
    if (!Files.isDirectory(folder)) {
      throw new BadInputException("data source '" + source + "' is neither " + BUILTIN_DIGITS + " nor a folder");
    }
    return ImageFolder.read(folder);
  }
}
