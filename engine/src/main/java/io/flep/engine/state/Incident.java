package io.flep.engine.state;

/** A problem that stops an element instance until someone resolves it. */
public final class Incident {
  public final long key;
  public final long processInstanceKey;
  public final long processDefinitionKey;
  public final String bpmnProcessId;
  public final long elementInstanceKey;
  public final String elementId;
  /** The failed job, or -1. */
  public final long jobKey;
  /** Zeebe's error types: JOB_NO_RETRIES, EXTRACT_VALUE_ERROR, CONDITION_ERROR, ... */
  public final String errorType;
  public final String errorMessage;
  public final long createdAt;
  /** ACTIVE or RESOLVED. */
  public String state = "ACTIVE";
  public long resolvedAt = -1;

  public Incident(
      long key,
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      long elementInstanceKey,
      String elementId,
      long jobKey,
      String errorType,
      String errorMessage,
      long createdAt) {
    this.key = key;
    this.processInstanceKey = processInstanceKey;
    this.processDefinitionKey = processDefinitionKey;
    this.bpmnProcessId = bpmnProcessId;
    this.elementInstanceKey = elementInstanceKey;
    this.elementId = elementId;
    this.jobKey = jobKey;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.createdAt = createdAt;
  }

  public boolean isActive() {
    return "ACTIVE".equals(state);
  }
}
