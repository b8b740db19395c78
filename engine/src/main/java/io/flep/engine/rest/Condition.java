package io.flep.engine.rest;

import java.util.List;

/** A piece of SQL {@code where} clause with its parameters. */
record Condition(String sql, List<Object> parameters) {
  static Condition of(String sql, Object... parameters) {
    return new Condition(sql, List.of(parameters));
  }
}
