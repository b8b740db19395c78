package io.flep.engine.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The execution bookkeeping of one element instance, stored with it as JSON. Owned by the
 * processor thread.
 */
public final class ElementRuntime {
  /** Where the instance waits. */
  public Phase phase = Phase.INPUTS;
  /** Index of the listener being waited for. */
  public int listenerIndex;
  /** The job being waited for, or -1. */
  public long jobKey = -1;
  /** Child element instances still running plus tokens waiting at joins (scopes only). */
  public int tokens;
  /** Per joining gateway id: tokens arrived per incoming flow id (scopes only). */
  public Map<String, Map<String, Integer>> joins = new LinkedHashMap<>();
  /** Flows chosen by a gateway, taken once it completes. */
  public List<String> selectedFlows = new ArrayList<>();
  /** Multi-instance body: the input collection as evaluated on activation. */
  public List<Object> collection;
  /** Multi-instance body: next index to activate (sequential) and counters. */
  public int next;
  public int completed;
  public int terminated;
  /** Multi-instance inner instance: its loop counter (1-based), 0 otherwise. */
  public int loopCounter;
  /** Multi-instance inner instance: whether the completion condition held when it completed. */
  public boolean completionConditionMet;
  /** Call activity: the called process instance, or -1. */
  public long calledInstanceKey = -1;
  /** Root of a called process: the calling call activity instance, or -1. */
  public long parentElementInstanceKey = -1;
  public long parentProcessInstanceKey = -1;
  /** Root of an instance started by a timer or message start event: that event's id, else null. */
  public String startElementId;
  /** Root of an instance started by a message with a correlation key: that key, else null. */
  public String startCorrelationKey;
  /** A catch event after an event-based gateway that already fired: the event's variables, else null. */
  public java.util.Map<String, Object> firedWith;
  /** Timers and message subscriptions opened for this instance (its own or its boundary events'). */
  public List<Long> timerKeys = new ArrayList<>();
  public List<Long> subscriptionKeys = new ArrayList<>();
}
