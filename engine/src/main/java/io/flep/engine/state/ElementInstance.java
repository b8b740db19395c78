package io.flep.engine.state;

import io.flep.engine.model.BpmnElementType;

/**
 * A running or finished instance of a flow element; the root of a process instance is the element
 * instance of type {@link BpmnElementType#PROCESS} whose key is the process instance key.
 */
public final class ElementInstance {
  private final long key;
  private final long processInstanceKey;
  private final long processDefinitionKey;
  private final String bpmnProcessId;
  private final int version;
  private final long flowScopeKey;
  private final String elementId;
  private final BpmnElementType type;
  private final long startTime;
  private ElementState state = ElementState.ACTIVATING;
  private long endTime = -1;
  private final ElementRuntime runtime;

  public ElementInstance(
      long key,
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      long flowScopeKey,
      String elementId,
      BpmnElementType type,
      long startTime,
      ElementRuntime runtime) {
    this.key = key;
    this.processInstanceKey = processInstanceKey;
    this.processDefinitionKey = processDefinitionKey;
    this.bpmnProcessId = bpmnProcessId;
    this.version = version;
    this.flowScopeKey = flowScopeKey;
    this.elementId = elementId;
    this.type = type;
    this.startTime = startTime;
    this.runtime = runtime;
  }

  public long key() {
    return key;
  }

  public long processInstanceKey() {
    return processInstanceKey;
  }

  public long processDefinitionKey() {
    return processDefinitionKey;
  }

  public String bpmnProcessId() {
    return bpmnProcessId;
  }

  public int version() {
    return version;
  }

  /** The enclosing scope's instance key, -1 for a process instance. */
  public long flowScopeKey() {
    return flowScopeKey;
  }

  public String elementId() {
    return elementId;
  }

  public BpmnElementType type() {
    return type;
  }

  public boolean isRoot() {
    return type == BpmnElementType.PROCESS;
  }

  public long startTime() {
    return startTime;
  }

  public ElementState state() {
    return state;
  }

  public void setState(ElementState state) {
    this.state = state;
  }

  public long endTime() {
    return endTime;
  }

  public void setEndTime(long endTime) {
    this.endTime = endTime;
  }

  public ElementRuntime runtime() {
    return runtime;
  }

  @Override
  public String toString() {
    return type + " '" + elementId + "' (" + key + ")";
  }
}
