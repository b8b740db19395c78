package io.flep.workers.failure;

/** A party asked for a secret it was never granted: a business failure (untrusted party), not a bug. */
public class KeyAccessDeniedException extends BusinessRuleViolation {
  public KeyAccessDeniedException(String message) {
    super(message);
  }

  public KeyAccessDeniedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String bpmnErrorCode() {
    return BpmnErrors.UNTRUSTED_PARTY;
  }
}
