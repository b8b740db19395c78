package io.flep.engine.model;

import io.flep.engine.expression.Expression;

/** A message a catch event waits for: its name and, except for start events, its correlation key. */
public record MessageDefinition(Expression name, Expression correlationKey) {}
