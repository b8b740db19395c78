package io.flep.engine.processing;

import io.flep.engine.expression.Expression;
import io.flep.engine.expression.ExpressionEvaluator;
import io.flep.engine.expression.ExpressionException;
import io.flep.engine.expression.VariableLookup;
import io.flep.engine.model.BpmnElementType;
import io.flep.engine.model.CalledDecision;
import io.flep.engine.model.EventKind;
import io.flep.engine.model.ExecutableElement;
import io.flep.engine.model.ExecutionListener;
import io.flep.engine.model.MultiInstance;
import io.flep.engine.model.SequenceFlow;
import io.flep.engine.state.DecisionDefinition;
import io.flep.engine.state.DecisionRequirements;
import io.flep.engine.state.ElementInstance;
import io.flep.engine.state.ElementRuntime;
import io.flep.engine.state.ElementState;
import io.flep.engine.state.EngineState;
import io.flep.engine.state.Incident;
import io.flep.engine.state.Job;
import io.flep.engine.state.JobState;
import io.flep.engine.state.Phase;
import io.flep.engine.state.ProcessDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs element instances through their lifecycle with Zeebe's semantics: input mappings, start
 * listeners, the element's behaviour, output mappings, end listeners, then the outgoing flows.
 * A step that fails raises an incident and is run again when the incident is resolved.
 *
 * <p>Runs on the processor thread only; every change goes through {@link EngineState}.
 */
final class BpmnRuntime {
  private final EngineState state;
  private final Variables variables;
  private final ExpressionEvaluator feel;
  private final DecisionEvaluator decisions;
  private final RuntimeEvents events;
  private final LongSupplier clock;
  private final EventTriggers triggers;
  private final List<Runnable> followUps = new ArrayList<>();

  BpmnRuntime(
      EngineState state,
      ExpressionEvaluator feel,
      DecisionEvaluator decisions,
      RuntimeEvents events,
      LongSupplier clock) {
    this.state = state;
    this.variables = new Variables(state);
    this.feel = feel;
    this.decisions = decisions;
    this.events = events;
    this.clock = clock;
    this.triggers = new EventTriggers(state, feel, clock);
  }

  Variables variables() {
    return variables;
  }

  // ---------------------------------------------------------------- starting

  ElementInstance createProcessInstance(
      ProcessDefinition definition,
      Map<String, Object> initialVariables,
      long parentProcessInstanceKey,
      long parentElementInstanceKey) {
    return createProcessInstance(definition, initialVariables, parentProcessInstanceKey, parentElementInstanceKey, null, null);
  }

  /** Starts an instance at {@code startEventId} (a timer or message start event), or the none start event if null. */
  ElementInstance createProcessInstance(
      ProcessDefinition definition,
      Map<String, Object> initialVariables,
      long parentProcessInstanceKey,
      long parentElementInstanceKey,
      String startEventId,
      String startCorrelationKey) {
    long key = state.nextKey();
    ElementRuntime runtime = new ElementRuntime();
    runtime.startElementId = startEventId;
    runtime.startCorrelationKey = startCorrelationKey;
    runtime.parentProcessInstanceKey = parentProcessInstanceKey;
    runtime.parentElementInstanceKey = parentElementInstanceKey;
    ElementInstance root =
        new ElementInstance(
            key, key, definition.key(), definition.bpmnProcessId(), definition.version(), -1,
            definition.bpmnProcessId(), BpmnElementType.PROCESS, clock.getAsLong(), runtime);
    state.addElementInstance(root);
    variables.setLocal(root, initialVariables);
    advance(root);
    return root;
  }

  private ElementInstance activate(ExecutableElement element, ElementInstance scope) {
    boolean body = element.multiInstance() != null;
    ElementInstance instance =
        new ElementInstance(
            state.nextKey(), scope.processInstanceKey(), scope.processDefinitionKey(),
            scope.bpmnProcessId(), scope.version(), scope.key(), element.id(),
            body ? BpmnElementType.MULTI_INSTANCE_BODY : element.type(), clock.getAsLong(),
            new ElementRuntime());
    addToScope(instance, scope);
    advance(instance);
    return instance;
  }

  private void addToScope(ElementInstance instance, ElementInstance scope) {
    state.addElementInstance(instance);
    scope.runtime().tokens++;
    state.touch(scope);
  }

  // ---------------------------------------------------------------- the step machine

  /** Runs the instance's steps until it waits, fails (incident) or is done. */
  void advance(ElementInstance instance) {
    ExecutableElement element = element(instance);
    ElementRuntime runtime = instance.runtime();
    try {
      while (true) {
        switch (runtime.phase) {
          case INPUTS -> {
            if (!isBody(instance)) {
              variables.applyInputs(instance, element.inputs(), this::evaluate);
            }
            runtime.phase = Phase.START_LISTENER;
            runtime.listenerIndex = 0;
          }
          case START_LISTENER -> {
            List<ExecutionListener> listeners = isBody(instance) ? List.of() : element.startListeners();
            if (runtime.listenerIndex < listeners.size()) {
              createListenerJob(instance, element, listeners.get(runtime.listenerIndex));
              state.touch(instance);
              return;
            }
            instance.setState(ElementState.ACTIVATED);
            if (!isInnerInstance(instance)) {
              triggers.close(instance); // a retried step must not leave the first attempt's waits open
              triggers.openBoundaries(instance, element, variables.lookup(instance));
              if (!runtime.subscriptionKeys.isEmpty()) {
                followUps.add(() -> correlateBuffered(instance));
              }
            }
            runtime.phase = Phase.BEHAVIOUR;
          }
          case BEHAVIOUR -> {
            state.touch(instance);
            Outcome outcome = behave(instance, element);
            if (outcome == Outcome.HANDLED) {
              return;
            }
            if (outcome == Outcome.WAIT) {
              runtime.phase = Phase.WAITING;
              state.touch(instance);
              return;
            }
            runtime.phase = Phase.OUTPUTS;
          }
          case WAITING -> {
            return;
          }
          case OUTPUTS -> {
            instance.setState(ElementState.COMPLETING);
            applyOutputs(instance, element);
            runtime.phase = Phase.END_LISTENER;
            runtime.listenerIndex = 0;
          }
          case END_LISTENER -> {
            List<ExecutionListener> listeners = isBody(instance) ? List.of() : element.endListeners();
            if (runtime.listenerIndex < listeners.size()) {
              createListenerJob(instance, element, listeners.get(runtime.listenerIndex));
              state.touch(instance);
              return;
            }
            runtime.phase = Phase.DONE;
            completed(instance, element);
            return;
          }
          case DONE -> {
            return;
          }
          default -> throw new IllegalStateException("unknown phase " + runtime.phase);
        }
      }
    } catch (StepFailure failure) {
      raiseIncident(instance, failure.errorType(), failure.getMessage(), -1);
    }
  }

  private enum Outcome {
    CONTINUE,
    WAIT,
    HANDLED
  }

  private Outcome behave(ElementInstance instance, ExecutableElement element) throws StepFailure {
    if (isBody(instance)) {
      return startMultiInstance(instance, element);
    }
    return switch (instance.type()) {
      case PROCESS, SUB_PROCESS -> {
        String startId = instance.runtime().startElementId;
        ExecutableElement start = startId == null ? element.noneStartEvent() : element(instance.processDefinitionKey(), startId);
        activate(start, instance);
        yield instance.runtime().tokens == 0 && !instance.state().isFinished() ? Outcome.CONTINUE : Outcome.WAIT;
      }
      case SERVICE_TASK, SEND_TASK -> createTaskJob(instance, element);
      case SCRIPT_TASK -> {
        if (element.script() == null) {
          yield createTaskJob(instance, element);
        }
        Object result = evaluate(element.script().expression(), variables.lookup(instance), "EXTRACT_VALUE_ERROR");
        resultVariable(instance, element, element.script().resultVariable(), result);
        yield Outcome.CONTINUE;
      }
      case BUSINESS_RULE_TASK -> {
        if (element.calledDecision() == null) {
          yield createTaskJob(instance, element);
        }
        Object result = evaluateDecision(instance, element.calledDecision());
        resultVariable(instance, element, element.calledDecision().resultVariable(), result);
        yield Outcome.CONTINUE;
      }
      case EXCLUSIVE_GATEWAY, INCLUSIVE_GATEWAY -> {
        instance.runtime().selectedFlows = selectFlows(instance, element);
        yield Outcome.CONTINUE;
      }
      case END_EVENT -> {
        if (element.eventKind() == EventKind.ERROR) {
          String code = String.valueOf(evaluate(element.errorCode(), variables.lookup(instance), "EXTRACT_VALUE_ERROR"));
          throwError(instance, code, "", Map.of(), -1);
          yield Outcome.HANDLED;
        }
        if (element.eventKind() == EventKind.TERMINATE) {
          ElementInstance scope = variables.parent(instance);
          for (ElementInstance sibling : state.children(scope.key())) {
            if (sibling.key() != instance.key()) {
              terminate(sibling);
            }
          }
        }
        yield Outcome.CONTINUE;
      }
      case CALL_ACTIVITY -> callActivity(instance, element);
      case EVENT_BASED_GATEWAY -> {
        triggers.close(instance);
        for (SequenceFlow flow : element.outgoing()) {
          triggers.openOwn(instance, flow.target(), variables.lookup(instance));
        }
        followUps.add(() -> correlateBuffered(instance));
        yield Outcome.WAIT;
      }
      case RECEIVE_TASK, INTERMEDIATE_CATCH_EVENT -> {
        if (instance.runtime().firedWith != null) {
          variables.mergeResult(instance, !element.outputs().isEmpty(), instance.runtime().firedWith);
          instance.runtime().firedWith = null;
          yield Outcome.CONTINUE;
        }
        triggers.close(instance);
        triggers.openOwn(instance, element, variables.lookup(instance));
        followUps.add(() -> correlateBuffered(instance));
        yield Outcome.WAIT;
      }
      default -> Outcome.CONTINUE;
    };
  }

  private void applyOutputs(ElementInstance instance, ExecutableElement element) throws StepFailure {
    if (isBody(instance)) {
      MultiInstance loop = element.multiInstance();
      if (loop.outputCollection() != null) {
        Object collection = variables.lookup(instance).get(loop.outputCollection()).orElse(null);
        ElementInstance flowScope = variables.parent(instance);
        variables.propagate(flowScope, mapOf(loop.outputCollection(), collection));
      }
      return;
    }
    if (instance.isRoot()) {
      return;
    }
    variables.applyOutputs(instance, element.outputs(), this::evaluate);
    ElementInstance scope = variables.parent(instance);
    if (scope != null && isBody(scope)) {
      innerInstanceOutputs(instance, scope, element.multiInstance());
    }
  }

  // ---------------------------------------------------------------- completion and flows

  private void completed(ElementInstance instance, ExecutableElement element) {
    triggers.close(instance);
    instance.setState(ElementState.COMPLETED);
    instance.setEndTime(clock.getAsLong());
    state.touch(instance);
    if (instance.isRoot()) {
      processInstanceEnded(instance, true);
      return;
    }
    ElementInstance scope = variables.parent(instance);
    if (isBody(scope)) {
      state.evict(instance);
      innerInstanceCompleted(scope, instance);
      return;
    }
    if (element.type() == BpmnElementType.EVENT_BASED_GATEWAY) {
      SequenceFlow chosen = flow(instance, instance.runtime().selectedFlows.get(0));
      state.flowTaken(scope.processInstanceKey(), chosen.id());
      ElementRuntime fired = new ElementRuntime();
      fired.firedWith = instance.runtime().firedWith == null ? Map.of() : instance.runtime().firedWith;
      ElementInstance event =
          new ElementInstance(
              state.nextKey(), scope.processInstanceKey(), scope.processDefinitionKey(), scope.bpmnProcessId(),
              scope.version(), scope.key(), chosen.target().id(), chosen.target().type(), clock.getAsLong(), fired);
      addToScope(event, scope);
      advance(event);
      state.evict(instance);
      tokenDone(scope);
      return;
    }
    List<SequenceFlow> flows =
        switch (element.type()) {
          case EXCLUSIVE_GATEWAY, INCLUSIVE_GATEWAY ->
              instance.runtime().selectedFlows.stream().map(id -> flow(instance, id)).toList();
          default -> element.outgoing();
        };
    for (SequenceFlow flow : flows) {
      take(flow, scope);
    }
    state.evict(instance);
    tokenDone(scope);
  }

  private void take(SequenceFlow flow, ElementInstance scope) {
    state.flowTaken(scope.processInstanceKey(), flow.id());
    ExecutableElement target = flow.target();
    if (target.type() == BpmnElementType.PARALLEL_GATEWAY && target.incoming().size() > 1) {
      Map<String, Integer> arrived =
          scope.runtime().joins.computeIfAbsent(target.id(), id -> new LinkedHashMap<>());
      arrived.merge(flow.id(), 1, Integer::sum);
      scope.runtime().tokens++;
      state.touch(scope);
      boolean complete = target.incoming().stream().allMatch(in -> arrived.getOrDefault(in.id(), 0) > 0);
      if (complete) {
        for (SequenceFlow in : target.incoming()) {
          arrived.merge(in.id(), -1, Integer::sum);
          scope.runtime().tokens--;
        }
        arrived.values().removeIf(count -> count == 0);
        if (arrived.isEmpty()) {
          scope.runtime().joins.remove(target.id());
        }
        activate(target, scope);
      }
      return;
    }
    if (target.type() == BpmnElementType.INCLUSIVE_GATEWAY && target.incoming().size() > 1) {
      scope.runtime().joins.computeIfAbsent(target.id(), id -> new LinkedHashMap<>()).merge(flow.id(), 1, Integer::sum);
      scope.runtime().tokens++;
      state.touch(scope);
      // decided once the current step is over: the element that sent this token is still finishing
      followUps.add(() -> checkInclusiveJoins(scope));
      return;
    }
    activate(target, scope);
  }

  /**
   * Activates every inclusive join of the scope that has tokens waiting and that no other token of
   * the scope can still reach (Zeebe's inclusive gateway join).
   */
  private void checkInclusiveJoins(ElementInstance scope) {
    if (scope.state().isFinished() || state.elementInstance(scope.key()).isEmpty()) {
      return;
    }
    for (String gatewayId : List.copyOf(scope.runtime().joins.keySet())) {
      ExecutableElement gateway = element(scope.processDefinitionKey(), gatewayId);
      Map<String, Integer> arrived = scope.runtime().joins.get(gatewayId);
      if (gateway.type() != BpmnElementType.INCLUSIVE_GATEWAY || arrived == null || arrived.isEmpty()) {
        continue;
      }
      boolean more = false;
      for (ElementInstance child : state.children(scope.key())) {
        if (!child.state().isFinished() && reaches(element(child), gateway)) {
          more = true;
          break;
        }
      }
      for (String other : scope.runtime().joins.keySet()) {
        if (!more && !other.equals(gatewayId) && !scope.runtime().joins.get(other).isEmpty()
            && reaches(element(scope.processDefinitionKey(), other), gateway)) {
          more = true;
        }
      }
      if (more) {
        continue;
      }
      for (Map.Entry<String, Integer> entry : arrived.entrySet()) {
        entry.setValue(entry.getValue() - 1);
        scope.runtime().tokens--;
      }
      arrived.values().removeIf(count -> count <= 0);
      if (arrived.isEmpty()) {
        scope.runtime().joins.remove(gatewayId);
      }
      state.touch(scope);
      activate(gateway, scope);
    }
  }

  /** Whether a token leaving {@code from} can arrive at {@code target} (following flows and boundary events). */
  private static boolean reaches(ExecutableElement from, ExecutableElement target) {
    java.util.ArrayDeque<ExecutableElement> queue = new java.util.ArrayDeque<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    queue.add(from);
    while (!queue.isEmpty()) {
      ExecutableElement current = queue.poll();
      List<ExecutableElement> next = new ArrayList<>();
      current.outgoing().forEach(f -> next.add(f.target()));
      current.boundaryEvents().forEach(b -> b.outgoing().forEach(f -> next.add(f.target())));
      for (ExecutableElement candidate : next) {
        if (candidate == target) {
          return true;
        }
        if (seen.add(candidate.id())) {
          queue.add(candidate);
        }
      }
    }
    return false;
  }

  /** One token of the scope ended; a scope with none left completes. */
  private void tokenDone(ElementInstance scope) {
    scope.runtime().tokens--;
    state.touch(scope);
    if (!scope.runtime().joins.isEmpty()) {
      followUps.add(() -> checkInclusiveJoins(scope));
    }
    if (scope.runtime().tokens == 0
        && scope.runtime().phase == Phase.WAITING
        && !scope.state().isFinished()
        && !isBody(scope)) {
      scope.runtime().phase = Phase.OUTPUTS;
      advance(scope);
    }
  }

  private List<String> selectFlows(ElementInstance instance, ExecutableElement gateway) throws StepFailure {
    List<String> selected = new ArrayList<>();
    List<SequenceFlow> outgoing = gateway.outgoing();
    if (outgoing.size() == 1 && outgoing.get(0).condition() == null) {
      return List.of(outgoing.get(0).id());
    }
    VariableLookup lookup = variables.lookup(instance);
    for (SequenceFlow flow : outgoing) {
      if (flow == gateway.defaultFlow() || flow.condition() == null) {
        continue;
      }
      boolean taken;
      try {
        taken = feel.evaluateBoolean(flow.condition(), lookup);
      } catch (ExpressionException e) {
        throw new StepFailure("EXTRACT_VALUE_ERROR", e.getMessage());
      }
      if (taken) {
        selected.add(flow.id());
        if (gateway.type() == BpmnElementType.EXCLUSIVE_GATEWAY) {
          return selected;
        }
      }
    }
    if (selected.isEmpty()) {
      if (gateway.defaultFlow() == null) {
        throw new StepFailure(
            "CONDITION_ERROR",
            "Expected at least one condition to evaluate to true, or to have a default flow");
      }
      selected.add(gateway.defaultFlow().id());
    }
    return selected;
  }

  // ---------------------------------------------------------------- multi-instance

  private Outcome startMultiInstance(ElementInstance body, ExecutableElement element) throws StepFailure {
    MultiInstance loop = element.multiInstance();
    List<Object> collection;
    try {
      collection = feel.evaluateList(loop.inputCollection(), variables.lookup(body));
    } catch (ExpressionException e) {
      throw new StepFailure("EXTRACT_VALUE_ERROR", e.getMessage());
    }
    body.runtime().collection = new ArrayList<>(collection);
    if (loop.outputCollection() != null) {
      List<Object> nulls = new ArrayList<>();
      for (int i = 0; i < collection.size(); i++) {
        nulls.add(null);
      }
      variables.setLocal(body, loop.outputCollection(), nulls);
    }
    if (collection.isEmpty()) {
      return Outcome.CONTINUE;
    }
    if (loop.sequential()) {
      advance(createInner(body, element, 0));
    } else {
      // create every inner instance before running any, so that one finishing at once cannot
      // look like the last one
      List<ElementInstance> inners = new ArrayList<>();
      for (int i = 0; i < collection.size(); i++) {
        inners.add(createInner(body, element, i));
      }
      for (ElementInstance inner : inners) {
        if (!inner.state().isFinished() && !body.state().isFinished()) {
          advance(inner);
        }
      }
    }
    return body.state().isFinished() || body.runtime().phase != Phase.BEHAVIOUR ? Outcome.HANDLED : Outcome.WAIT;
  }

  private ElementInstance createInner(ElementInstance body, ExecutableElement element, int index) {
    ElementRuntime runtime = new ElementRuntime();
    runtime.loopCounter = index + 1;
    ElementInstance inner =
        new ElementInstance(
            state.nextKey(), body.processInstanceKey(), body.processDefinitionKey(),
            body.bpmnProcessId(), body.version(), body.key(), element.id(), element.type(),
            clock.getAsLong(), runtime);
    body.runtime().next = index + 1;
    addToScope(inner, body);
    MultiInstance loop = element.multiInstance();
    if (loop.inputElement() != null) {
      variables.setLocal(inner, loop.inputElement(), body.runtime().collection.get(index));
    }
    variables.setLocal(inner, "loopCounter", index + 1);
    return inner;
  }

  private void innerInstanceOutputs(ElementInstance inner, ElementInstance body, MultiInstance loop)
      throws StepFailure {
    if (loop.outputCollection() != null && loop.outputElement() != null) {
      Object value = evaluate(loop.outputElement(), variables.lookup(inner), "EXTRACT_VALUE_ERROR");
      Object current = state.localVariable(body.key(), loop.outputCollection()).map(v -> Json.read(v.json)).orElse(null);
      List<Object> collection = current instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
      int index = inner.runtime().loopCounter - 1;
      while (collection.size() <= index) {
        collection.add(null);
      }
      collection.set(index, value);
      variables.setLocal(body, loop.outputCollection(), collection);
    }
    if (loop.completionCondition() != null) {
      ElementRuntime counters = body.runtime();
      Map<String, Object> overlay = new LinkedHashMap<>();
      overlay.put("numberOfInstances", counters.collection.size());
      overlay.put("numberOfActiveInstances", counters.tokens - 1);
      overlay.put("numberOfCompletedInstances", counters.completed + 1);
      overlay.put("numberOfTerminatedInstances", counters.terminated);
      overlay.put("loopCounter", inner.runtime().loopCounter);
      try {
        inner.runtime().completionConditionMet =
            feel.evaluateBoolean(loop.completionCondition(), Variables.overlay(variables.lookup(inner), overlay));
      } catch (ExpressionException e) {
        throw new StepFailure("EXTRACT_VALUE_ERROR", e.getMessage());
      }
    }
  }

  private void innerInstanceCompleted(ElementInstance body, ElementInstance inner) {
    ElementRuntime counters = body.runtime();
    counters.completed++;
    counters.tokens--;
    state.touch(body);
    ExecutableElement element = element(body);
    if (inner.runtime().completionConditionMet) {
      for (ElementInstance other : state.children(body.key())) {
        terminate(other);
      }
      completeBody(body);
    } else if (element.multiInstance().sequential() && counters.next < counters.collection.size()) {
      advance(createInner(body, element, counters.next));
    } else if (counters.tokens == 0) {
      completeBody(body);
    }
  }

  private void completeBody(ElementInstance body) {
    if (body.runtime().phase == Phase.WAITING) {
      body.runtime().phase = Phase.OUTPUTS;
      advance(body);
    } else if (body.runtime().phase == Phase.BEHAVIOUR) {
      // every inner instance finished while the body was still starting them
      body.runtime().phase = Phase.OUTPUTS;
      advance(body);
    }
  }

  // ---------------------------------------------------------------- jobs

  private Outcome createTaskJob(ElementInstance instance, ExecutableElement element) throws StepFailure {
    VariableLookup lookup = variables.lookup(instance);
    String type = evaluateString(element.job().type(), lookup);
    int retries = (int) evaluateLong(element.job().retries(), lookup);
    createJob(instance, type, retries, element.job().headers(), "BPMN_ELEMENT", "UNSPECIFIED");
    return Outcome.WAIT;
  }

  private void createListenerJob(ElementInstance instance, ExecutableElement element, ExecutionListener listener)
      throws StepFailure {
    VariableLookup lookup = variables.lookup(instance);
    String type = evaluateString(listener.type(), lookup);
    int retries = (int) evaluateLong(listener.retries(), lookup);
    createJob(
        instance, type, retries, element.job() == null ? Map.of() : element.job().headers(),
        "EXECUTION_LISTENER", listener.start() ? "START" : "END");
  }

  private void createJob(
      ElementInstance instance, String type, int retries, Map<String, String> headers, String kind,
      String listenerEventType) {
    Job job =
        new Job(
            state.nextKey(), type, instance.key(), instance.processInstanceKey(),
            instance.processDefinitionKey(), instance.bpmnProcessId(), instance.version(),
            instance.elementId(), headers, kind, listenerEventType, retries, clock.getAsLong());
    state.addJob(job);
    instance.runtime().jobKey = job.key;
    state.touch(instance);
    events.jobsAvailable(type);
  }

  /** A worker completed the job with these variables. */
  void jobCompleted(Job job, Map<String, Object> result) {
    job.state = JobState.COMPLETED;
    job.deadline = -1;
    state.touch(job);
    ElementInstance instance = state.requireElementInstance(job.elementInstanceKey);
    ExecutableElement element = element(instance);
    instance.runtime().jobKey = -1;
    if (job.isListener()) {
      variables.propagate(instance, result);
      instance.runtime().listenerIndex++;
    } else {
      variables.mergeResult(instance, !element.outputs().isEmpty(), result);
      instance.runtime().phase = Phase.OUTPUTS;
    }
    state.touch(instance);
    advance(instance);
  }

  /** A worker failed the job; with no retries left it becomes an incident. */
  void jobFailed(Job job, int retries, String message, long backoffMillis, Map<String, Object> localVariables) {
    ElementInstance instance = state.requireElementInstance(job.elementInstanceKey);
    variables.setLocal(instance, localVariables);
    job.retries = retries;
    job.errorMessage = message == null ? "" : message;
    job.deadline = -1;
    job.worker = "";
    job.state = JobState.FAILED;
    job.retryAt = retries > 0 && backoffMillis > 0 ? clock.getAsLong() + backoffMillis : -1;
    state.touch(job);
    if (retries <= 0) {
      String incidentMessage = job.errorMessage.isBlank() ? "No more retries left." : job.errorMessage;
      raiseIncident(
          instance, job.isListener() ? "EXECUTION_LISTENER_NO_RETRIES" : "JOB_NO_RETRIES", incidentMessage, job.key);
    } else if (job.retryAt < 0) {
      events.jobsAvailable(job.type);
    }
  }

  /** A worker reported a business error for the job. */
  void jobErrorThrown(Job job, String code, String message, Map<String, Object> errorVariables) {
    job.state = JobState.ERROR_THROWN;
    job.errorCode = code;
    job.errorMessage = message == null ? "" : message;
    job.deadline = -1;
    state.touch(job);
    ElementInstance instance = state.requireElementInstance(job.elementInstanceKey);
    throwError(instance, code, job.errorMessage, errorVariables, job.key);
  }

  // ---------------------------------------------------------------- timers and messages

  /** Work that must run after the current step finished (a wait that can be satisfied at once). */
  List<Runnable> drainFollowUps() {
    List<Runnable> pending = new ArrayList<>(followUps);
    followUps.clear();
    return pending;
  }

  void scheduleStartTimers(ProcessDefinition definition, ProcessDefinition previous) {
    try {
      triggers.scheduleStartTimers(definition, previous);
    } catch (StepFailure e) {
      throw new IllegalStateException(
          "timer start event of '" + definition.bpmnProcessId() + "' cannot be scheduled: " + e.getMessage());
    }
  }

  /** A timer fired. */
  void timerDue(io.flep.engine.state.Timer timer) {
    boolean again = triggers.reschedule(timer);
    if (!again) {
      timer.state = "TRIGGERED";
      state.touch(timer);
    }
    if (timer.elementInstanceKey < 0) {
      state.processDefinition(timer.processDefinitionKey).ifPresent(definition ->
          createProcessInstance(definition, Map.of(), -1, -1, timer.targetElementId, null));
      return;
    }
    ElementInstance owner = state.elementInstance(timer.elementInstanceKey).orElse(null);
    if (owner == null || owner.state().isFinished()) {
      return;
    }
    owner.runtime().timerKeys.remove(timer.key);
    if (again) {
      owner.runtime().timerKeys.add(timer.key);
    }
    state.touch(owner);
    eventTriggered(owner, timer.targetElementId, Map.of());
  }

  /** A message arrived for a subscription. */
  void correlate(io.flep.engine.state.MessageSubscription subscription, Map<String, Object> messageVariables) {
    ElementInstance owner = state.elementInstance(subscription.elementInstanceKey).orElse(null);
    if (owner == null || owner.state().isFinished()) {
      return;
    }
    ExecutableElement target = element(owner.processDefinitionKey(), subscription.targetElementId);
    boolean keepOpen = target.type() == BpmnElementType.BOUNDARY_EVENT && !target.interrupting();
    if (!keepOpen) {
      subscription.state = "CORRELATED";
      state.touch(subscription);
      owner.runtime().subscriptionKeys.remove(subscription.key);
    }
    eventTriggered(owner, subscription.targetElementId, messageVariables);
  }

  /** The owner's own catch event fired, or one of its boundary events. */
  private void eventTriggered(ElementInstance owner, String targetElementId, Map<String, Object> eventVariables) {
    ExecutableElement ownElement = element(owner);
    if (owner.type() == BpmnElementType.EVENT_BASED_GATEWAY) {
      if (owner.runtime().phase != Phase.WAITING) {
        return;
      }
      SequenceFlow chosen =
          ownElement.outgoing().stream().filter(f -> f.target().id().equals(targetElementId)).findFirst().orElseThrow();
      owner.runtime().selectedFlows = List.of(chosen.id());
      owner.runtime().firedWith = new java.util.LinkedHashMap<>(eventVariables);
      owner.runtime().phase = Phase.OUTPUTS;
      state.touch(owner);
      advance(owner);
      return;
    }
    if (ownElement.id().equals(targetElementId) && owner.type() != BpmnElementType.MULTI_INSTANCE_BODY) {
      if (owner.runtime().phase != Phase.WAITING) {
        return;
      }
      variables.mergeResult(owner, !ownElement.outputs().isEmpty(), eventVariables);
      owner.runtime().phase = Phase.OUTPUTS;
      state.touch(owner);
      advance(owner);
      return;
    }
    ExecutableElement boundary = element(owner.processDefinitionKey(), targetElementId);
    ElementInstance scope = variables.parent(owner);
    ElementInstance boundaryInstance = newBoundaryInstance(boundary, scope);
    if (boundary.interrupting()) {
      terminate(owner);
    }
    variables.mergeResult(boundaryInstance, !boundary.outputs().isEmpty(), eventVariables);
    advance(boundaryInstance);
  }

  /** Correlates messages buffered before the instance's subscription opened. */
  private void correlateBuffered(ElementInstance owner) {
    for (long key : List.copyOf(owner.runtime().subscriptionKeys)) {
      io.flep.engine.state.MessageSubscription subscription = state.subscription(key).orElse(null);
      if (subscription == null || !subscription.isActive()) {
        continue;
      }
      for (io.flep.engine.state.Message message : triggers.bufferedFor(subscription)) {
        message.correlatedTo.add(subscription.bpmnProcessId);
        state.touch(message);
        correlate(subscription, Json.readDocument(message.variablesJson));
        break;
      }
    }
  }

  /** Opens waits of boundary events when a multi-instance body or activity was restored mid-flight. */
  EventTriggers triggers() {
    return triggers;
  }

  // ---------------------------------------------------------------- errors and termination

  private void throwError(
      ElementInstance source, String code, String message, Map<String, Object> errorVariables, long jobKey) {
    ElementInstance current = source;
    while (current != null) {
      ElementInstance scope = variables.parent(current);
      boolean inner = scope != null && isBody(scope);
      if (!inner && !current.isRoot()) {
        ExecutableElement catcher = errorCatcher(element(current), code);
        if (catcher != null) {
          ElementInstance boundary = newBoundaryInstance(catcher, scope);
          terminate(current);
          if (!errorVariables.isEmpty()) {
            variables.mergeResult(boundary, !catcher.outputs().isEmpty(), errorVariables);
          }
          advance(boundary);
          return;
        }
      }
      if (current.isRoot()) {
        long caller = current.runtime().parentElementInstanceKey;
        current = caller < 0 ? null : state.elementInstance(caller).orElse(null);
      } else {
        current = scope;
      }
    }
    raiseIncident(
        source, "UNHANDLED_ERROR_EVENT",
        "Expected to throw an error event with the code '" + code + "' with message '" + message
            + "', but it was not caught. No error events are available in the scope.",
        jobKey);
  }

  private ExecutableElement errorCatcher(ExecutableElement element, String code) {
    ExecutableElement catchAll = null;
    for (ExecutableElement boundary : element.boundaryEvents()) {
      if (boundary.eventKind() != EventKind.ERROR) {
        continue;
      }
      if (boundary.errorCode() == null) {
        catchAll = catchAll == null ? boundary : catchAll;
      } else if (code.equals(staticValue(boundary.errorCode()))) {
        return boundary;
      }
    }
    return catchAll;
  }

  private ElementInstance newBoundaryInstance(ExecutableElement boundary, ElementInstance scope) {
    ElementInstance instance =
        new ElementInstance(
            state.nextKey(), scope.processInstanceKey(), scope.processDefinitionKey(),
            scope.bpmnProcessId(), scope.version(), scope.key(), boundary.id(),
            BpmnElementType.BOUNDARY_EVENT, clock.getAsLong(), new ElementRuntime());
    addToScope(instance, scope);
    return instance;
  }

  /** Terminates an instance and everything inside it; the flow scope loses one token without completing. */
  void terminate(ElementInstance instance) {
    if (instance.state().isFinished()) {
      return;
    }
    for (ElementInstance child : state.children(instance.key())) {
      terminate(child);
    }
    triggers.close(instance);
    if (instance.runtime().jobKey >= 0) {
      state.job(instance.runtime().jobKey).ifPresent(job -> {
        job.state = JobState.CANCELED;
        job.deadline = -1;
        state.touch(job);
      });
      instance.runtime().jobKey = -1;
    }
    if (instance.runtime().calledInstanceKey >= 0) {
      state.elementInstance(instance.runtime().calledInstanceKey).ifPresent(this::terminate);
    }
    for (Incident incident : state.incidentsOf(instance.key())) {
      state.resolve(incident, clock.getAsLong());
    }
    instance.setState(ElementState.TERMINATED);
    instance.setEndTime(clock.getAsLong());
    instance.runtime().phase = Phase.DONE;
    state.touch(instance);
    ElementInstance scope = variables.parent(instance);
    if (scope != null && !scope.state().isFinished()) {
      scope.runtime().tokens--;
      if (isBody(scope)) {
        scope.runtime().terminated++;
      }
      if (!scope.runtime().joins.isEmpty()) {
        followUps.add(() -> checkInclusiveJoins(scope));
      }
      state.touch(scope);
    }
    if (instance.isRoot()) {
      processInstanceEnded(instance, false);
    } else {
      state.evict(instance);
    }
  }

  private void processInstanceEnded(ElementInstance root, boolean completed) {
    Map<String, Object> rootVariables = variables.locals(root);
    long caller = root.runtime().parentElementInstanceKey;
    state.evict(root);
    if (completed && caller >= 0) {
      state.elementInstance(caller).ifPresent(callActivity -> calledProcessCompleted(callActivity, rootVariables));
    }
    events.processInstanceEnded(root.key(), completed, rootVariables);
  }

  // ---------------------------------------------------------------- call activities and decisions

  private Outcome callActivity(ElementInstance instance, ExecutableElement element) throws StepFailure {
    String processId = evaluateString(element.calledElement().processId(), variables.lookup(instance));
    ProcessDefinition called =
        state.latestProcess(processId)
            .orElseThrow(
                () -> new StepFailure(
                    "CALLED_ELEMENT_ERROR",
                    "Expected process with BPMN process id '" + processId + "' to be deployed, but not found."));
    Map<String, Object> input =
        element.calledElement().propagateAllParentVariables()
            ? Json.readDocument(variables.document(instance, List.of()))
            : variables.locals(instance);
    ElementInstance child = createProcessInstance(called, input, instance.processInstanceKey(), instance.key());
    if (!child.state().isFinished()) {
      instance.runtime().calledInstanceKey = child.key();
      state.touch(instance);
      return Outcome.WAIT;
    }
    return Outcome.HANDLED; // the child completed at once and so did this call activity
  }

  private void calledProcessCompleted(ElementInstance callActivity, Map<String, Object> childVariables) {
    ExecutableElement element = element(callActivity);
    callActivity.runtime().calledInstanceKey = -1;
    if (element.calledElement().propagateAllChildVariables()) {
      variables.mergeResult(callActivity, !element.outputs().isEmpty(), childVariables);
    } else {
      variables.setLocal(callActivity, childVariables);
    }
    callActivity.runtime().phase = Phase.OUTPUTS;
    state.touch(callActivity);
    advance(callActivity);
  }

  private Object evaluateDecision(ElementInstance instance, CalledDecision called) throws StepFailure {
    String decisionId = evaluateString(called.decisionId(), variables.lookup(instance));
    DecisionDefinition decision;
    if (called.deploymentBinding()) {
      long deploymentKey =
          state.processDefinition(instance.processDefinitionKey()).orElseThrow().deploymentKey();
      decision =
          state.decisionOfDeployment(decisionId, deploymentKey)
              .orElseThrow(() -> new StepFailure(
                  "CALLED_DECISION_ERROR",
                  "Expected to evaluate decision '" + decisionId
                      + "' deployed with the process (binding type 'deployment'), but it was not part of that deployment."));
    } else {
      decision =
          state.latestDecision(decisionId)
              .orElseThrow(() -> new StepFailure(
                  "CALLED_DECISION_ERROR",
                  "Expected to evaluate decision '" + decisionId + "', but no decision found for id '" + decisionId + "'"));
    }
    DecisionRequirements drg = state.decisionRequirements(decision.decisionRequirementsKey()).orElseThrow();
    try {
      return decisions.evaluate(drg, decision, Json.readDocument(variables.document(instance, List.of())));
    } catch (Exception e) {
      throw new StepFailure(
          "DECISION_EVALUATION_ERROR",
          "Expected to evaluate decision '" + decisionId + "', but " + e.getMessage());
    }
  }

  private void resultVariable(ElementInstance instance, ExecutableElement element, String name, Object value) {
    if (name == null || name.isBlank()) {
      return;
    }
    variables.mergeResult(instance, !element.outputs().isEmpty(), mapOf(name, value));
  }

  // ---------------------------------------------------------------- incidents

  void raiseIncident(ElementInstance instance, String errorType, String message, long jobKey) {
    if (jobKey >= 0) {
      state.job(jobKey).ifPresent(job -> {
        job.heldByIncident = true;
        state.touch(job);
      });
    }
    Incident incident =
        new Incident(
            state.nextKey(), instance.processInstanceKey(), instance.processDefinitionKey(),
            instance.bpmnProcessId(), instance.key(), instance.elementId(), jobKey, errorType, message,
            clock.getAsLong());
    state.addIncident(incident);
    state.touch(instance);
  }

  /** Resolving an incident runs the failed step again (or lets the job be activated again). */
  void incidentResolved(Incident incident) throws Rejection {
    if (incident.jobKey >= 0) {
      Job job =
          state.job(incident.jobKey)
              .orElseThrow(() -> Rejection.notFound("the job of incident " + incident.key + " no longer exists"));
      if (job.state == JobState.FAILED && job.retries <= 0) {
        throw Rejection.invalidState(
            "Expected to resolve incident with key '" + incident.key + "', but job with key '" + job.key
                + "' has no retries left; update the job's retries first");
      }
      state.resolve(incident, clock.getAsLong());
      job.heldByIncident = false;
      if (job.state == JobState.ERROR_THROWN) {
        job.state = JobState.RETRIES_UPDATED;
        job.retries = Math.max(job.retries, 1);
      } else {
        job.state = JobState.RETRIES_UPDATED;
        job.retryAt = -1;
      }
      state.touch(job);
      events.jobsAvailable(job.type);
      return;
    }
    state.resolve(incident, clock.getAsLong());
    state.elementInstance(incident.elementInstanceKey).ifPresent(this::advance);
  }

  // ---------------------------------------------------------------- helpers

  ExecutableElement element(ElementInstance instance) {
    ProcessDefinition definition =
        state.processDefinition(instance.processDefinitionKey())
            .orElseThrow(() -> new IllegalStateException("no process definition " + instance.processDefinitionKey()));
    return definition.executable().element(instance.elementId());
  }

  private SequenceFlow flow(ElementInstance instance, String id) {
    return state.processDefinition(instance.processDefinitionKey()).orElseThrow().executable().flow(id);
  }

  private ExecutableElement element(long processDefinitionKey, String elementId) {
    return state.processDefinition(processDefinitionKey).orElseThrow().executable().element(elementId);
  }

  private boolean isInnerInstance(ElementInstance instance) {
    ElementInstance scope = variables.parent(instance);
    return scope != null && isBody(scope);
  }

  private static boolean isBody(ElementInstance instance) {
    return instance.type() == BpmnElementType.MULTI_INSTANCE_BODY;
  }

  private Object evaluate(Expression expression, VariableLookup lookup, String errorType) throws StepFailure {
    try {
      return feel.evaluate(expression, lookup);
    } catch (ExpressionException e) {
      throw new StepFailure(errorType, e.getMessage());
    }
  }

  private String evaluateString(Expression expression, VariableLookup lookup) throws StepFailure {
    try {
      return feel.evaluateString(expression, lookup);
    } catch (ExpressionException e) {
      throw new StepFailure("EXTRACT_VALUE_ERROR", e.getMessage());
    }
  }

  private long evaluateLong(Expression expression, VariableLookup lookup) throws StepFailure {
    try {
      return feel.evaluateLong(expression, lookup);
    } catch (ExpressionException e) {
      throw new StepFailure("EXTRACT_VALUE_ERROR", e.getMessage());
    }
  }

  private String staticValue(Expression expression) {
    try {
      return String.valueOf(feel.evaluate(expression, VariableLookup.empty()));
    } catch (ExpressionException e) {
      return null;
    }
  }

  private static Map<String, Object> mapOf(String name, Object value) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(name, value);
    return map;
  }
}
