package io.flep.workers.failure;

/** Error codes the lifecycle model catches (see bpmn/README.md). */
public final class BpmnErrors {
  public static final String INTEGRITY_VIOLATION = "FLEP_INTEGRITY_VIOLATION";
  public static final String UNTRUSTED_PARTY = "FLEP_UNTRUSTED_PARTY";
  public static final String AGGREGATION_REFUSED = "FLEP_AGGREGATION_REFUSED";
  public static final String POLICY_REFUSED = "FLEP_POLICY_REFUSED";

  private BpmnErrors() {}
}
