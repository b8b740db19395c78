package io.flep.engine.processing;

/** A started process instance; {@code variablesJson} is set when the caller awaited its result. */
public record InstanceCreated(
    long processDefinitionKey, String bpmnProcessId, int version, long processInstanceKey, String variablesJson) {}
