package io.flep.workers.dataowner;

import io.flep.workers.dataset.GreyImages;
import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.failure.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads a folder of labelled images, {@code <folder>/<label>/<name>.png|jpg}, where each sub-folder name is the
 * class label 0–9. Colour images are converted to grey (ITU-R BT.601 luma). An image that cannot be read stops
 * the whole batch with an error naming the file: a silently smaller data set would be worse.
 */
final class ImageFolder {
  private ImageFolder() {}

  static List<DeviceImage> read(Path folder) {
    List<DeviceImage> images = new ArrayList<>();
    for (Path labelDir : list(folder).filter(Files::isDirectory).toList()) {
      int label = parseLabel(labelDir);
      for (Path file : list(labelDir).filter(ImageFolder::isImage).toList()) {
        images.add(readOne(file, label));
      }
    }
    if (images.isEmpty()) {
      throw new BadInputException(
          "no images in " + folder.toAbsolutePath() + ": expected <label>/<name>.png|jpg with labels 0-9");
    }
    return images;
  }

  private static DeviceImage readOne(Path file, int label) {
    String name = file.toAbsolutePath().toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new BadInputException("cannot read image " + name + ": " + e.getMessage(), e);
    }
    LabeledImage image = GreyImages.decode(bytes, label, name);
    return new DeviceImage(file.toString(), label, image.width(), image.height(), image.pixels());
  }

  private static int parseLabel(Path dir) {
    String name = dir.getFileName().toString();
    try {
      int label = Integer.parseInt(name);
      if (label >= 0 && label <= 9) {
        return label;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new BadInputException("folder " + dir.toAbsolutePath() + " is not a class label 0-9");
  }

  private static boolean isImage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(file) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
  }

  private static Stream<Path> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir.toAbsolutePath(), e);
    }
  }
}
