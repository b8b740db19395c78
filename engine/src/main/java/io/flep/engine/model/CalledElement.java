package io.flep.engine.model;

import io.flep.engine.expression.Expression;

/** {@code zeebe:calledElement} of a call activity. */
public record CalledElement(
    Expression processId, boolean propagateAllChildVariables, boolean propagateAllParentVariables) {}
