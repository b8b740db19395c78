package io.flep.engine.model;

import io.flep.engine.expression.Expression;

/** A {@code zeebe:input} or {@code zeebe:output}: the value of {@code source} goes to {@code target}. */
public record Mapping(Expression source, String target) {}
