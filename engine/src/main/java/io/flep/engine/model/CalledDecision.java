package io.flep.engine.model;

import io.flep.engine.expression.Expression;

/**
 * {@code zeebe:calledDecision}: the decision to evaluate and where to store its result. {@code
 * deploymentBinding} pins the decision deployed with the process (binding type {@code deployment})
 * instead of the latest version.
 */
public record CalledDecision(Expression decisionId, String resultVariable, boolean deploymentBinding) {}
