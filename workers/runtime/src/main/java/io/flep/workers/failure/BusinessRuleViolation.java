package io.flep.workers.failure;

/**
 * A business rule stopped the task (an integrity violation, a refused aggregation, an untrusted party): the task
 * throws the BPMN error {@link #bpmnErrorCode()}, which the model catches on a modelled path; no retry, no incident.
 */
public abstract class BusinessRuleViolation extends RuntimeException {
  protected BusinessRuleViolation(String message) {
    super(message);
  }

  protected BusinessRuleViolation(String message, Throwable cause) {
    super(message, cause);
  }

  /** The BPMN error code the model catches ({@link BpmnErrors}). */
  public abstract String bpmnErrorCode();
}
