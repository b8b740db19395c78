package io.flep.engine.model;

import io.flep.engine.expression.Expression;

/** A timer: exactly one of duration, date or cycle. */
public record TimerDefinition(Kind kind, Expression expression) {
  public enum Kind {
    DURATION,
    DATE,
    CYCLE
  }
}
