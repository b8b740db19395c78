package io.flep.workers.policy;

/** A run policy that breaks a rule (K below two, a not-secure cipher without the reproduction flag, a weak key). */
public class PolicyRuleException extends IllegalArgumentException {
  public PolicyRuleException(String message) {
    super("policy rule: " + message);
  }
}
