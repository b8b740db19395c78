package io.flep.engine.state;

/** Job states, as the Camunda 8 REST API names them. */
public enum JobState {
  CREATED,
  ACTIVATED,
  FAILED,
  RETRIES_UPDATED,
  TIMED_OUT,
  ERROR_THROWN,
  COMPLETED,
  CANCELED;

  public boolean isFinished() {
    return this == COMPLETED || this == CANCELED;
  }
}
