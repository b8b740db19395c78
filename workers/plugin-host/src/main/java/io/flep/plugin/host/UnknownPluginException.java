package io.flep.plugin.host;

import io.flep.plugin.api.PluginKind;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A plugin id was requested that is not installed for that kind. The message names the id, the kind, the ids
 * installed for that kind, and every loading problem, so a typo or a broken drop-in JAR is obvious.
 */
public class UnknownPluginException extends IllegalArgumentException {
  private final String id;
  private final PluginKind kind;

  /**
   * @param otherKind the kind of an installed plugin with this id, if the id exists for a different kind
   */
  public UnknownPluginException(
      String id,
      PluginKind kind,
      Collection<String> installedIds,
      Optional<PluginKind> otherKind,
      List<PluginProblem> problems) {
    super(message(id, kind.displayName(), installedIds, otherKind, problems));
    this.id = id;
    this.kind = kind;
  }

  /** For a request that any of several kinds could serve, e.g. a "data cipher" (AEAD or image cipher). */
  public UnknownPluginException(
      String id,
      String wanted,
      Collection<String> installedIds,
      Optional<PluginKind> otherKind,
      List<PluginProblem> problems) {
    super(message(id, wanted, installedIds, otherKind, problems));
    this.id = id;
    this.kind = null;
  }

  private static String message(
      String id, String kind, Collection<String> installed, Optional<PluginKind> other, List<PluginProblem> problems) {
    StringBuilder m = new StringBuilder()
        .append(kind).append(" '").append(id).append("' is not installed (installed: ")
        .append(installed.isEmpty() ? "none" : String.join(", ", installed)).append(')');
    other.ifPresent(k -> m.append("; '").append(id).append("' is a ").append(k.displayName()));
    if (!problems.isEmpty()) {
      m.append("; skipped plugins: ")
          .append(problems.stream().map(PluginProblem::toString).collect(Collectors.joining("; ")));
    }
    return m.toString();
  }

  public String id() {
    return id;
  }

  /** The kind asked for, or null when several kinds could have served. */
  public PluginKind kind() {
    return kind;
  }
}
