package io.flep.workers.failure;

/**
 * A party refuses to act under a run's policy: it is not signed by the run's data owner, it names another run, it
 * breaks a rule, or it falls below what this party itself requires ({@code flep.policy.*}). The run ends on the
 * modelled path {@code FLEP_POLICY_REFUSED}; nothing is decrypted or published by the refusing party.
 */
public class PolicyRefusedException extends BusinessRuleViolation {
  public PolicyRefusedException(String message) {
    super(message);
  }

  public PolicyRefusedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String bpmnErrorCode() {
    return BpmnErrors.POLICY_REFUSED;
  }
}
