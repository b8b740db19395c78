package io.flep.workers.aggregation;

/**
 * A decryption the secure-aggregation rules forbid: too few distinct contributors, or a second, different
 * aggregate in a round that was already decrypted. A business outcome, modelled in the BPMN as error
 * {@code FLEP_AGGREGATION_REFUSED}.
 */
public class AggregationRefusedException extends RuntimeException {
  public AggregationRefusedException(String message) {
    super(message);
  }
}
