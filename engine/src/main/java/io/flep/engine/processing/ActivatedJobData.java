package io.flep.engine.processing;

import java.util.Map;

/** A job handed to a worker, as the gateway returns it. */
public record ActivatedJobData(
    long key,
    String type,
    long processInstanceKey,
    String bpmnProcessId,
    int processDefinitionVersion,
    long processDefinitionKey,
    String elementId,
    long elementInstanceKey,
    Map<String, String> customHeaders,
    String worker,
    int retries,
    long deadline,
    String variablesJson,
    String kind,
    String listenerEventType) {}
