package io.flep.engine.model;

import io.flep.engine.expression.Expression;

/** A {@code zeebe:executionListener}: a job of {@code type} run when the element starts or ends. */
public record ExecutionListener(boolean start, Expression type, Expression retries) {}
