package io.flep.workers.failure;

/**
 * A decryption the secure-aggregation rules forbid: too few distinct contributors, or a second, different
 * aggregate in a round that was already decrypted. A business outcome, modelled in the BPMN as error
 * {@code FLEP_AGGREGATION_REFUSED}.
 */
public class AggregationRefusedException extends BusinessRuleViolation {
  public AggregationRefusedException(String message) {
    super(message);
  }

  @Override
  public String bpmnErrorCode() {
    return BpmnErrors.AGGREGATION_REFUSED;
  }
}
