package io.flep.plugin.api.param;

import java.util.List;
import java.util.Locale;

/**
 * A boolean parameter. Raw values are {@code true} or {@code false} in any case ({@code TRUE}, {@code False});
 * {@code yes}, {@code 1} and the like are rejected. Immutable; see {@link Parameter}.
 */
public final class BooleanParameter extends Parameter<Boolean> {

  BooleanParameter(Meta<Boolean> meta) {
    super(meta);
    requireDefaultAllowed();
  }

  /** A copy with this one-line description. */
  public BooleanParameter description(String text) {
    return new BooleanParameter(meta.withDescription(text));
  }

  /** A copy marked as affecting security. */
  public BooleanParameter securityRelevant() {
    return new BooleanParameter(meta.withSecurityRelevant());
  }

  /** A copy with this default. */
  public BooleanParameter defaultValue(boolean value) {
    return new BooleanParameter(meta.withDefault(value));
  }

  @Override
  public ParameterType type() {
    return ParameterType.BOOLEAN;
  }

  @Override
  public String domain() {
    return "true or false";
  }

  @Override
  Boolean parse(String trimmed) {
    return switch (trimmed.toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> null;
    };
  }

  @Override
  boolean accepts(Boolean value) {
    return true;
  }

  @Override
  Object allowedDescription() {
    return List.of(true, false);
  }

  @Override
  Object domainKey() {
    return List.of();
  }
}
