package io.flep.engine.model;

import io.flep.engine.expression.Expression;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One flow element of a deployed process, with everything the engine needs to run it. Built by
 * {@link ProcessTransformer}; immutable once the process is deployed.
 */
public final class ExecutableElement {
  private final String id;
  private final String name;
  private final BpmnElementType type;
  private final ExecutableElement flowScope;
  private final List<SequenceFlow> incoming = new ArrayList<>();
  private final List<SequenceFlow> outgoing = new ArrayList<>();
  private final List<ExecutableElement> children = new ArrayList<>();
  private final List<ExecutableElement> boundaryEvents = new ArrayList<>();
  private final List<Mapping> inputs = new ArrayList<>();
  private final List<Mapping> outputs = new ArrayList<>();
  private final List<ExecutionListener> startListeners = new ArrayList<>();
  private final List<ExecutionListener> endListeners = new ArrayList<>();
  private SequenceFlow defaultFlow;
  private JobDefinition job;
  private ScriptDefinition script;
  private CalledDecision calledDecision;
  private CalledElement calledElement;
  private MultiInstance multiInstance;
  private ExecutableElement attachedTo;
  private boolean interrupting = true;
  private EventKind eventKind = EventKind.NONE;
  private Expression errorCode;
  private TimerDefinition timer;
  private MessageDefinition message;

  ExecutableElement(String id, String name, BpmnElementType type, ExecutableElement flowScope) {
    this.id = id;
    this.name = name;
    this.type = type;
    this.flowScope = flowScope;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public BpmnElementType type() {
    return type;
  }

  /** The process or subprocess containing this element; null for the process itself. */
  public ExecutableElement flowScope() {
    return flowScope;
  }

  public List<SequenceFlow> incoming() {
    return Collections.unmodifiableList(incoming);
  }

  public List<SequenceFlow> outgoing() {
    return Collections.unmodifiableList(outgoing);
  }

  /** Flow elements directly inside this process or subprocess. */
  public List<ExecutableElement> children() {
    return Collections.unmodifiableList(children);
  }

  /** The none start event of this process or subprocess, if any. */
  public ExecutableElement noneStartEvent() {
    return children.stream()
        .filter(c -> c.type == BpmnElementType.START_EVENT && c.eventKind == EventKind.NONE)
        .findFirst()
        .orElse(null);
  }

  public List<ExecutableElement> boundaryEvents() {
    return Collections.unmodifiableList(boundaryEvents);
  }

  public List<Mapping> inputs() {
    return Collections.unmodifiableList(inputs);
  }

  public List<Mapping> outputs() {
    return Collections.unmodifiableList(outputs);
  }

  public List<ExecutionListener> startListeners() {
    return Collections.unmodifiableList(startListeners);
  }

  public List<ExecutionListener> endListeners() {
    return Collections.unmodifiableList(endListeners);
  }

  public SequenceFlow defaultFlow() {
    return defaultFlow;
  }

  public JobDefinition job() {
    return job;
  }

  public ScriptDefinition script() {
    return script;
  }

  public CalledDecision calledDecision() {
    return calledDecision;
  }

  public CalledElement calledElement() {
    return calledElement;
  }

  public MultiInstance multiInstance() {
    return multiInstance;
  }

  /** For a boundary event: the activity it is attached to. */
  public ExecutableElement attachedTo() {
    return attachedTo;
  }

  /** For a boundary event: whether it cancels the activity (cancelActivity). */
  public boolean interrupting() {
    return interrupting;
  }

  public EventKind eventKind() {
    return eventKind;
  }

  /** For error events: the error code; null on a catch event means "catch every error". */
  public Expression errorCode() {
    return errorCode;
  }

  public TimerDefinition timer() {
    return timer;
  }

  public MessageDefinition message() {
    return message;
  }

  List<SequenceFlow> mutableIncoming() {
    return incoming;
  }

  List<SequenceFlow> mutableOutgoing() {
    return outgoing;
  }

  List<ExecutableElement> mutableChildren() {
    return children;
  }

  List<ExecutableElement> mutableBoundaryEvents() {
    return boundaryEvents;
  }

  List<Mapping> mutableInputs() {
    return inputs;
  }

  List<Mapping> mutableOutputs() {
    return outputs;
  }

  void addListener(ExecutionListener listener) {
    (listener.start() ? startListeners : endListeners).add(listener);
  }

  void setDefaultFlow(SequenceFlow defaultFlow) {
    this.defaultFlow = defaultFlow;
  }

  void setJob(JobDefinition job) {
    this.job = job;
  }

  void setScript(ScriptDefinition script) {
    this.script = script;
  }

  void setCalledDecision(CalledDecision calledDecision) {
    this.calledDecision = calledDecision;
  }

  void setCalledElement(CalledElement calledElement) {
    this.calledElement = calledElement;
  }

  void setMultiInstance(MultiInstance multiInstance) {
    this.multiInstance = multiInstance;
  }

  void setAttachedTo(ExecutableElement attachedTo, boolean interrupting) {
    this.attachedTo = attachedTo;
    this.interrupting = interrupting;
  }

  void setEvent(EventKind kind) {
    this.eventKind = kind;
  }

  void setErrorCode(Expression errorCode) {
    this.errorCode = errorCode;
  }

  void setTimer(TimerDefinition timer) {
    this.timer = timer;
  }

  void setMessage(MessageDefinition message) {
    this.message = message;
  }

  @Override
  public String toString() {
    return type + " '" + id + "'";
  }
}
