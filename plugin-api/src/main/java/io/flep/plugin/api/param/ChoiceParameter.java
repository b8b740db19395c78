package io.flep.plugin.api.param;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parameter taking one of a fixed list of words, e.g. {@code choice("decryptOrder", "paper", "reordered")}. Raw
 * values match ignoring case and are returned in the declared spelling ({@code PAPER} gives {@code "paper"}).
 * Immutable; see {@link Parameter}.
 */
public final class ChoiceParameter extends Parameter<String> {
  private final List<String> values;

  ChoiceParameter(Meta<String> meta, String... values) {
    this(meta, checked(meta.name(), values));
  }

  private ChoiceParameter(Meta<String> meta, List<String> values) {
    super(meta);
    this.values = values;
    requireDefaultAllowed();
  }

  private static List<String> checked(String name, String... values) {
    Objects.requireNonNull(values, "values");
    if (values.length == 0) {
      throw new IllegalArgumentException("choice parameter '" + name + "' needs at least one value");
    }
    List<String> list = new ArrayList<>();
    for (String v : values) {
      Objects.requireNonNull(v, "value");
      if (v.isBlank() || !v.equals(v.strip()) || v.contains(",")) {
        throw new IllegalArgumentException(
            "value '" + v + "' of choice parameter '" + name + "' must be a non-blank word without commas");
      }
      if (list.stream().anyMatch(v::equalsIgnoreCase)) {
        throw new IllegalArgumentException(
            "choice parameter '" + name + "' lists '" + v + "' twice (values are matched ignoring case)");
      }
      list.add(v);
    }
    return List.copyOf(list);
  }

  /** A copy with this one-line description. */
  public ChoiceParameter description(String text) {
    return new ChoiceParameter(meta.withDescription(text), values);
  }

  /** A copy marked as affecting security. */
  public ChoiceParameter securityRelevant() {
    return new ChoiceParameter(meta.withSecurityRelevant(), values);
  }

  /**
   * A copy with this default, one of the values in its declared spelling.
   *
   * @throws IllegalArgumentException if it is not one of the values
   */
  public ChoiceParameter defaultValue(String value) {
    return new ChoiceParameter(meta.withDefault(value), values);
  }

  /** The allowed values in declaration order (unmodifiable). */
  public List<String> values() {
    return values;
  }

  @Override
  public ParameterType type() {
    return ParameterType.CHOICE;
  }

  @Override
  public String domain() {
    return "one of " + String.join(", ", values);
  }

  @Override
  String parse(String trimmed) {
    for (String v : values) {
      if (v.equalsIgnoreCase(trimmed)) {
        return v;
      }
    }
    return null;
  }

  @Override
  boolean accepts(String value) {
    return values.contains(value);
  }

  @Override
  Object allowedDescription() {
    return values;
  }

  @Override
  Object domainKey() {
    return values;
  }
}
