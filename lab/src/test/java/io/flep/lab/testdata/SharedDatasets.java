package io.flep.lab.testdata;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The data sets in {@code shared/datasets/} beside the repository clone (see its README). Found by walking up from
 * the working directory, so no test hard-codes where the clone lies. Missing data fails the test under CI
 * ({@code CI=true}), where the figures in the docs must be checked, and skips it with the reason elsewhere.
 */
public final class SharedDatasets {
  private SharedDatasets() {}

  /** The folder {@code shared/datasets/<name>}, or the test fails (CI) or is skipped (elsewhere) naming it. */
  public static Path require(String name) {
    Path found = find(name);
    if (found != null) {
      return found;
    }
    String message = "the shared data set '" + name + "' is missing: no shared/datasets/" + name
        + " beside the repository (looked upwards from " + Path.of("").toAbsolutePath() + ")";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message + "; CI needs it to check the documented figures");
    }
    Assumptions.abort(message);
    return null;
  }

  /** A file in the data set; fails or skips like {@link #require} when the data set or the file is missing. */
  public static Path require(String name, String file) {
    Path path = require(name).resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new AssertionError("the shared data set '" + name + "' has no " + file + " (" + path + ")");
    }
    return path;
  }

  private static Path find(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("datasets").resolve(name);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
