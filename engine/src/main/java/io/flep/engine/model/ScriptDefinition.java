package io.flep.engine.model;

import io.flep.engine.expression.Expression;

/** {@code zeebe:script}: a FEEL expression whose result is stored in {@code resultVariable}. */
public record ScriptDefinition(Expression expression, String resultVariable) {}
