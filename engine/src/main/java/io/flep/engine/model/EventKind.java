package io.flep.engine.model;

/** What an event waits for or throws. */
public enum EventKind {
  NONE,
  ERROR,
  TIMER,
  MESSAGE,
  TERMINATE
}
