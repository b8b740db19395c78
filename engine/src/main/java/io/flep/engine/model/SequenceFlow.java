package io.flep.engine.model;

import io.flep.engine.expression.Expression;

/** A sequence flow; {@code condition} is null for an unconditional flow. */
public final class SequenceFlow {
  private final String id;
  private final ExecutableElement source;
  private final ExecutableElement target;
  private final Expression condition;

  SequenceFlow(String id, ExecutableElement source, ExecutableElement target, Expression condition) {
    this.id = id;
    this.source = source;
    this.target = target;
    this.condition = condition;
  }

  public String id() {
    return id;
  }

  public ExecutableElement source() {
    return source;
  }

  public ExecutableElement target() {
    return target;
  }

  public Expression condition() {
    return condition;
  }

  @Override
  public String toString() {
    return id;
  }
}
