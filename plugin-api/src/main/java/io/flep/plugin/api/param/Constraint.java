package io.flep.plugin.api.param;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A rule spanning several parameters of one plugin, e.g. {@code threshold <= shareholders}, checked by the host
 * after every value has passed its own parameter's domain check. The predicate sees the typed values (defaults
 * applied) and must use {@link ParameterValues#find} for parameters that may have no value.
 *
 * <pre>{@code
 * Constraint.of("threshold <= shareholders unless threshold is 0",
 *     v -> v.get(THRESHOLD) == 0 || v.get(THRESHOLD) <= v.get(SHAREHOLDERS), THRESHOLD, SHAREHOLDERS)
 * }</pre>
 *
 * <p>A violation is reported as {@code options of <plugin> must satisfy: <description>, got <name>=<value>, ...}
 * listing the named parameters' values, so the description should read as a condition on them. Immutable if the
 * predicate is (it should be a pure function of the values).
 */
public final class Constraint {
  private final String description;
  private final Predicate<ParameterValues> holds;
  private final List<Parameter<?>> parameters;

  private Constraint(String description, Predicate<ParameterValues> holds, List<Parameter<?>> parameters) {
    this.description = description;
    this.holds = holds;
    this.parameters = parameters;
  }

  /**
   * A constraint on {@code parameters}, which its message lists.
   *
   * @param description the condition as one line, e.g. {@code "threshold <= shareholders"}
   * @param holds whether the values satisfy it
   * @throws IllegalArgumentException if the description is blank or not one line, or no parameter is named
   */
  public static Constraint of(String description, Predicate<ParameterValues> holds, Parameter<?>... parameters) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(holds, "holds");
    String d = description.strip();
    if (d.isEmpty() || d.indexOf('\n') >= 0 || d.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("constraint description must be one non-blank line, got '" + description + "'");
    }
    if (parameters.length == 0) {
      throw new IllegalArgumentException("constraint '" + d + "' names no parameter");
    }
    return new Constraint(d, holds, List.of(parameters));
  }

  /** The condition in words. */
  public String description() {
    return description;
  }

  /** The parameters it relates, in the order its messages list them. */
  public List<Parameter<?>> parameters() {
    return parameters;
  }

  boolean holds(ParameterValues values) {
    return holds.test(values);
  }

  @Override
  public String toString() {
    return description + " on " + parameters.stream().map(Parameter::name).collect(Collectors.joining(", "));
  }
}
