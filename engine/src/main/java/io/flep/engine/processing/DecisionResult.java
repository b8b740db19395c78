package io.flep.engine.processing;

/**
 * A standalone decision evaluation: the decision, its output as JSON, or the failure message when
 * the evaluation failed (a failed evaluation is an answer, not an error, as in Zeebe).
 */
public record DecisionResult(
    long decisionKey,
    String decisionId,
    String decisionName,
    int decisionVersion,
    String decisionRequirementsId,
    long decisionRequirementsKey,
    String outputJson,
    String failureMessage,
    long evaluationKey) {}
