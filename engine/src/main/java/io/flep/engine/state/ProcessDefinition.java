package io.flep.engine.state;

import io.flep.engine.model.ExecutableProcess;

/** A deployed version of a process. */
public record ProcessDefinition(
    long key,
    String bpmnProcessId,
    int version,
    String resourceName,
    byte[] resource,
    String checksum,
    long deploymentKey,
    long deployedAt,
    ExecutableProcess executable) {}
