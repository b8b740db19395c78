package io.flep.engine.expression;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Looks up a variable visible from a scope by name.
 *
 * <p>An empty result means the variable is not defined; FEEL then sees {@code null} (and reports a
 * {@code NO_VARIABLE_FOUND} warning, as Zeebe does). A variable whose value is JSON {@code null}
 * may also be reported as empty, since {@link Optional} cannot hold {@code null}; FEEL sees {@code
 * null} in both cases. Values are in the engine's Java value model (what Jackson's {@code
 * readValue(json, Object.class)} produces).
 *
 * <p>An evaluation calls {@link #get} only for names the expression actually references, on the
 * evaluating thread, at most once per name. A {@link RuntimeException} thrown by {@link #get}
 * propagates out of the evaluation unchanged instead of becoming an expression failure.
 */
@FunctionalInterface
public interface VariableLookup {

  /**
   * Returns the value of the variable {@code name}, or empty if it is not defined.
   *
   * @param name the variable name
   * @return the value, or empty if the variable is not defined (or its value is {@code null})
   */
  Optional<Object> get(String name);

  /**
   * Returns a lookup over {@code map}, which it reads (does not copy) on each call.
   *
   * @param map variables by name
   * @return a lookup reading {@code map}
   */
  static VariableLookup of(Map<String, ?> map) {
    Objects.requireNonNull(map, "map");
    return name -> Optional.ofNullable(map.get(name));
  }

  /**
   * Returns a lookup in which no variable is defined.
   *
   * @return the empty lookup
   */
  static VariableLookup empty() {
    return name -> Optional.empty();
  }
}
