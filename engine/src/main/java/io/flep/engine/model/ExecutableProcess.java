package io.flep.engine.model;

import java.util.Collections;
import java.util.Map;

/** A deployed, runnable process: its root element and every element by id. */
public final class ExecutableProcess {
  private final String bpmnProcessId;
  private final ExecutableElement root;
  private final Map<String, ExecutableElement> elements;
  private final Map<String, SequenceFlow> flows;

  ExecutableProcess(
      String bpmnProcessId,
      ExecutableElement root,
      Map<String, ExecutableElement> elements,
      Map<String, SequenceFlow> flows) {
    this.bpmnProcessId = bpmnProcessId;
    this.root = root;
    this.elements = Collections.unmodifiableMap(elements);
    this.flows = Collections.unmodifiableMap(flows);
  }

  public String bpmnProcessId() {
    return bpmnProcessId;
  }

  public ExecutableElement root() {
    return root;
  }

  /** The element with this id, or the process itself for the process id. */
  public ExecutableElement element(String id) {
    return id.equals(bpmnProcessId) ? root : elements.get(id);
  }

  public Map<String, ExecutableElement> elements() {
    return elements;
  }

  public SequenceFlow flow(String id) {
    return flows.get(id);
  }
}
