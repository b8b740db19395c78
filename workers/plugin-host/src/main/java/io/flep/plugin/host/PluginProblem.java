package io.flep.plugin.host;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Why a plugin (or a whole drop-in JAR) was skipped. Loading continues with the others.
 *
 * @param source the drop-in JAR, or {@link #BUILT_IN} for providers on the application class path
 * @param reason human-readable explanation
 */
public record PluginProblem(Path source, String reason) {
  /** Source used for problems with built-in providers. */
  public static final Path BUILT_IN = Path.of("built-in");

  public PluginProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return source + ": " + reason;
  }
}
