package io.flep.workers.failure;

/** Stored data no longer matches its reference or authentication tag: a business failure with a modelled path. */
public class IntegrityViolationException extends BusinessRuleViolation {
  public IntegrityViolationException(String message) {
    super(message);
  }

  public IntegrityViolationException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String bpmnErrorCode() {
    return BpmnErrors.INTEGRITY_VIOLATION;
  }
}
