package io.flep.engine.state;

import java.util.Map;

/** A unit of work for a job worker: a service-like task or an execution listener. */
public final class Job {
  public final long key;
  public final String type;
  public final long elementInstanceKey;
  public final long processInstanceKey;
  public final long processDefinitionKey;
  public final String bpmnProcessId;
  public final int version;
  public final String elementId;
  public final Map<String, String> customHeaders;
  /** BPMN_ELEMENT or EXECUTION_LISTENER. */
  public final String kind;
  /** UNSPECIFIED, START or END. */
  public final String listenerEventType;
  public final long createdAt;
  public JobState state = JobState.CREATED;
  public int retries;
  /** When an activated job times out (epoch ms), -1 when not activated. */
  public long deadline = -1;
  /** When a failed job with a back-off becomes activatable again (epoch ms), -1 for none. */
  public long retryAt = -1;
  public String worker = "";
  public String errorMessage = "";
  public String errorCode = "";
  /** An open incident holds the job: it is not activatable until the incident is resolved. */
  public boolean heldByIncident;

  public Job(
      long key,
      String type,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      String elementId,
      Map<String, String> customHeaders,
      String kind,
      String listenerEventType,
      int retries,
      long createdAt) {
    this.key = key;
    this.type = type;
    this.elementInstanceKey = elementInstanceKey;
    this.processInstanceKey = processInstanceKey;
    this.processDefinitionKey = processDefinitionKey;
    this.bpmnProcessId = bpmnProcessId;
    this.version = version;
    this.elementId = elementId;
    this.customHeaders = Map.copyOf(customHeaders);
    this.kind = kind;
    this.listenerEventType = listenerEventType;
    this.retries = retries;
    this.createdAt = createdAt;
  }

  /** Whether a worker may activate it now. */
  public boolean isActivatable() {
    return (state == JobState.CREATED
            || state == JobState.TIMED_OUT
            || state == JobState.RETRIES_UPDATED
            || (state == JobState.FAILED && retryAt < 0))
        && retries > 0
        && !heldByIncident;
  }

  public boolean isListener() {
    return "EXECUTION_LISTENER".equals(kind);
  }
}
