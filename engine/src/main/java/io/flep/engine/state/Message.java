package io.flep.engine.state;

import java.util.LinkedHashSet;
import java.util.Set;

/** A published message kept for its time to live, so that subscriptions opened later still get it. */
public final class Message {
  public final long key;
  public final String name;
  public final String correlationKey;
  public final String variablesJson;
  public final String messageId;
  /** When it expires (epoch ms). */
  public final long deadline;
  /** BPMN process ids it was correlated to: at most once per process. */
  public final Set<String> correlatedTo = new LinkedHashSet<>();
  /** PUBLISHED or EXPIRED. */
  public String state = "PUBLISHED";

  public Message(
      long key, String name, String correlationKey, String variablesJson, String messageId, long deadline) {
    this.key = key;
    this.name = name;
    this.correlationKey = correlationKey;
    this.variablesJson = variablesJson;
    this.messageId = messageId;
    this.deadline = deadline;
  }
}
