package io.flep.engine.state;

/** Lifecycle of an element instance. */
public enum ElementState {
  ACTIVATING,
  ACTIVATED,
  COMPLETING,
  COMPLETED,
  TERMINATED;

  public boolean isFinished() {
    return this == COMPLETED || this == TERMINATED;
  }
}
