package io.flep.workers.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fresh data and plugin folders for a test application context. */
public final class TestDirectories {
  private TestDirectories() {}

  public static Path create(String prefix) {
    try {
      return Files.createTempDirectory("flep-" + prefix + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
