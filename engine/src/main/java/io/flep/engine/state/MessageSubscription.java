package io.flep.engine.state;

/**
 * An open wait for a message: of an intermediate catch event or receive task (owner = its
 * instance) or of a boundary event (owner = the activity's instance).
 */
public final class MessageSubscription {
  public final long key;
  public final long elementInstanceKey;
  public final long processInstanceKey;
  public final long processDefinitionKey;
  public final String bpmnProcessId;
  /** The catch event, receive task or boundary event that the message triggers. */
  public final String targetElementId;
  public final String messageName;
  public final String correlationKey;
  /** ACTIVE, CORRELATED or CLOSED. */
  public String state = "ACTIVE";

  public MessageSubscription(
      long key,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      String targetElementId,
      String messageName,
      String correlationKey) {
    this.key = key;
    this.elementInstanceKey = elementInstanceKey;
    this.processInstanceKey = processInstanceKey;
    this.processDefinitionKey = processDefinitionKey;
    this.bpmnProcessId = bpmnProcessId;
    this.targetElementId = targetElementId;
    this.messageName = messageName;
    this.correlationKey = correlationKey;
  }

  public boolean isActive() {
    return "ACTIVE".equals(state);
  }
}
