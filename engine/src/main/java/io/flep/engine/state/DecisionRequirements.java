package io.flep.engine.state;

/** A deployed version of a DMN resource (decision requirements graph). {@code parsed} is the decision engine's form. */
public record DecisionRequirements(
    long key,
    String drgId,
    String name,
    int version,
    String resourceName,
    byte[] resource,
    String checksum,
    long deploymentKey,
    Object parsed) {}
