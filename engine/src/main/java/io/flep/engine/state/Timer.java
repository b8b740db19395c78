package io.flep.engine.state;

/**
 * A scheduled timer: of an intermediate catch event (owner = that event's instance), of a boundary
 * event (owner = the activity's instance), or of a timer start event (owner -1, no instance yet).
 */
public final class Timer {
  public final long key;
  /** The instance the timer belongs to, -1 for a start event's timer. */
  public final long elementInstanceKey;
  public final long processInstanceKey;
  public final long processDefinitionKey;
  /** The timer event (catch, boundary or start event) that fires. */
  public final String targetElementId;
  public long dueDate;
  /** Firings left including the next one; -1 = unbounded. */
  public int repetitions;
  /** The cycle's interval in ms, 0 for a one-off timer. */
  public final long intervalMillis;
  /** ACTIVE, TRIGGERED or CANCELED. */
  public String state = "ACTIVE";

  public Timer(
      long key,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String targetElementId,
      long dueDate,
      int repetitions,
      long intervalMillis) {
    this.key = key;
    this.elementInstanceKey = elementInstanceKey;
    this.processInstanceKey = processInstanceKey;
    this.processDefinitionKey = processDefinitionKey;
    this.targetElementId = targetElementId;
    this.dueDate = dueDate;
    this.repetitions = repetitions;
    this.intervalMillis = intervalMillis;
  }

  public boolean isActive() {
    return "ACTIVE".equals(state);
  }
}
