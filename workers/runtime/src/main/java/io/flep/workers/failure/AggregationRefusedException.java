package io.flep.workers.failure;

/**
 * A decryption the secure-aggregation rules forbid: too few distinct contributors, or a second, different
 * aggregate in a round that was already decrypted, or fewer valid partial decryptions of a threshold key than it needs. A business outcome, modelled in the BPMN as error
 * {@code FLEP_AGGREGATION_REFUSED}.
 */
public class AggregationRefusedException extends BusinessRuleViolation {
  public AggregationRefusedException(String message) {
    super(message);
  }

  public AggregationRefusedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public String bpmnErrorCode() {
    return BpmnErrors.AGGREGATION_REFUSED;
  }
}
