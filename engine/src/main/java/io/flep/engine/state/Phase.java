package io.flep.engine.state;

/** Where an element instance waits, so that a resumed step (job done, incident resolved) knows what comes next. */
public enum Phase {
  /** Input mappings, then start listeners. */
  INPUTS,
  /** Waiting for start listener number {@code listenerIndex}. */
  START_LISTENER,
  /** Running the element's own behaviour (create job, evaluate script, select flows, ...). */
  BEHAVIOUR,
  /** Waiting for the element's job, timer, message or called instance. */
  WAITING,
  /** Output mappings (and, for multi-instance inner instances, the output element). */
  OUTPUTS,
  /** Waiting for end listener number {@code listenerIndex}. */
  END_LISTENER,
  /** Nothing left to do. */
  DONE
}
