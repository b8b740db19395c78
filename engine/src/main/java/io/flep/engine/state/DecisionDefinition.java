package io.flep.engine.state;

/** A deployed version of one decision of a DMN resource. */
public record DecisionDefinition(
    long key,
    String decisionId,
    String name,
    int version,
    long decisionRequirementsKey,
    String drgId,
    long deploymentKey) {}
