package io.flep.engine.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.ConditionExpression;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.ManualTask;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SendTask;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.Task;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListenerEventType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import io.flep.engine.expression.Expression;
import io.flep.engine.expression.ExpressionException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.xml.validation.ValidationResult;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.camunda.bpm.model.xml.validation.ValidationResults;

/**
 * Reads a BPMN resource into {@link ExecutableProcess}es. The model is first checked by Zeebe's own
 * design-time validators (part of the Apache-2.0 BPMN model API), then every element is checked
 * against what this engine supports: anything else is rejected naming its id and type.
 */
public final class ProcessTransformer {

  /** Parses and validates {@code resource}; returns one executable process per executable process. */
  public List<ExecutableProcess> transform(String resourceName, byte[] resource)
      throws DeploymentException {
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource));
    } catch (RuntimeException e) {
      throw new DeploymentException(
          "'" + resourceName + "' is not a valid BPMN model: " + rootMessage(e), e);
    }
    validate(resourceName, model);
    List<ExecutableProcess> processes = new ArrayList<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.isExecutable()) {
        processes.add(new Builder(resourceName, process).build());
      }
    }
    if (processes.isEmpty()) {
      throw new DeploymentException("'" + resourceName + "' contains no executable process");
    }
    return processes;
  }

  private static void validate(String resourceName, BpmnModelInstance model)
      throws DeploymentException {
    ValidationResults results = model.validate(ZeebeDesignTimeValidators.VALIDATORS);
    List<String> errors = new ArrayList<>();
    for (Map.Entry<org.camunda.bpm.model.xml.instance.ModelElementInstance, List<ValidationResult>>
        entry : results.getResults().entrySet()) {
      for (ValidationResult result : entry.getValue()) {
        if (result.getType() == ValidationResultType.ERROR) {
          String id =
              entry.getKey() instanceof BaseElement element ? element.getId() : entry.getKey().toString();
          errors.add(
              "- element '" + id + "' (" + entry.getKey().getElementType().getTypeName() + "): "
                  + result.getMessage());
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new DeploymentException(
          "'" + resourceName + "' is not a valid Zeebe BPMN model:\n" + String.join("\n", errors));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** Builds one process. */
  private static final class Builder {
    private final String resourceName;
    private final Process process;
    private final Map<String, ExecutableElement> elements = new LinkedHashMap<>();
    private final Map<String, SequenceFlow> flows = new LinkedHashMap<>();

    Builder(String resourceName, Process process) {
      this.resourceName = resourceName;
      this.process = process;
    }

    ExecutableProcess build() throws DeploymentException {
      ExecutableElement root =
          new ExecutableElement(process.getId(), process.getName(), BpmnElementType.PROCESS, null);
      readListeners(root, process);
      addChildren(root, process.getFlowElements());
      addFlows(process.getFlowElements());
      for (ExecutableElement element : elements.values()) {
        finish(element);
      }
      requireNoneStart(root);
      return new ExecutableProcess(process.getId(), root, elements, flows);
    }

    private void addChildren(ExecutableElement scope, Collection<FlowElement> flowElements)
        throws DeploymentException {
      for (FlowElement element : flowElements) {
        if (element instanceof io.camunda.zeebe.model.bpmn.instance.SequenceFlow) {
          continue;
        }
        if (!(element instanceof FlowNode node)) {
          throw unsupported(element);
        }
        ExecutableElement executable =
            new ExecutableElement(node.getId(), node.getName(), typeOf(node), scope);
        elements.put(node.getId(), executable);
        scope.mutableChildren().add(executable);
        read(executable, node);
        if (node instanceof SubProcess subProcess) {
          addChildren(executable, subProcess.getFlowElements());
          addFlows(subProcess.getFlowElements());
          requireNoneStart(executable);
        }
      }
    }

    private void addFlows(Collection<FlowElement> flowElements) throws DeploymentException {
      for (FlowElement element : flowElements) {
        if (element instanceof io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
          ExecutableElement source = elements.get(flow.getSource().getId());
          ExecutableElement target = elements.get(flow.getTarget().getId());
          ConditionExpression condition = flow.getConditionExpression();
          Expression conditionExpression =
              condition == null ? null : feel(flow.getId(), "condition", condition.getTextContent());
          SequenceFlow executable = new SequenceFlow(flow.getId(), source, target, conditionExpression);
          source.mutableOutgoing().add(executable);
          target.mutableIncoming().add(executable);
          flows.put(flow.getId(), executable);
        }
      }
    }

    private void requireNoneStart(ExecutableElement scope) throws DeploymentException {
      if (scope.noneStartEvent() == null
          && scope.children().stream().noneMatch(c -> c.type() == BpmnElementType.START_EVENT)) {
        throw new DeploymentException(
            "'" + resourceName + "': " + scope + " has no start event");
      }
    }

    private BpmnElementType typeOf(FlowNode node) throws DeploymentException {
      if (node instanceof StartEvent) {
        return BpmnElementType.START_EVENT;
      } else if (node instanceof EndEvent) {
        return BpmnElementType.END_EVENT;
      } else if (node instanceof BoundaryEvent) {
        return BpmnElementType.BOUNDARY_EVENT;
      } else if (node instanceof IntermediateCatchEvent) {
        return BpmnElementType.INTERMEDIATE_CATCH_EVENT;
      } else if (node instanceof IntermediateThrowEvent) {
        return BpmnElementType.INTERMEDIATE_THROW_EVENT;
      } else if (node instanceof ServiceTask) {
        return BpmnElementType.SERVICE_TASK;
      } else if (node instanceof SendTask) {
        return BpmnElementType.SEND_TASK;
      } else if (node instanceof ScriptTask) {
        return BpmnElementType.SCRIPT_TASK;
      } else if (node instanceof BusinessRuleTask) {
        return BpmnElementType.BUSINESS_RULE_TASK;
      } else if (node instanceof ReceiveTask) {
        return BpmnElementType.RECEIVE_TASK;
      } else if (node instanceof ManualTask) {
        return BpmnElementType.MANUAL_TASK;
      } else if (node instanceof ExclusiveGateway) {
        return BpmnElementType.EXCLUSIVE_GATEWAY;
      } else if (node instanceof ParallelGateway) {
        return BpmnElementType.PARALLEL_GATEWAY;
      } else if (node instanceof InclusiveGateway) {
        return BpmnElementType.INCLUSIVE_GATEWAY;
      } else if (node instanceof EventBasedGateway) {
        return BpmnElementType.EVENT_BASED_GATEWAY;
      } else if (node instanceof CallActivity) {
        return BpmnElementType.CALL_ACTIVITY;
      } else if (node.getClass().getSimpleName().equals("SubProcessImpl")
          && !((SubProcess) node).triggeredByEvent()) {
        return BpmnElementType.SUB_PROCESS;
      } else if (node.getClass().getSimpleName().equals("TaskImpl") && node instanceof Task) {
        return BpmnElementType.TASK;
      }
      throw unsupported(node);
    }

    private DeploymentException unsupported(BaseElement element) {
      String type = element.getElementType().getTypeName();
      if (element instanceof SubProcess sub && sub.triggeredByEvent()) {
        type = "event subprocess";
      }
      return new DeploymentException(
          "'" + resourceName + "': element '" + element.getId() + "' of type '" + type
              + "' is not supported by the FLEP engine (see docs/engine.md for the supported elements)");
    }

    private void read(ExecutableElement element, FlowNode node) throws DeploymentException {
      readMappings(element, node);
      readListeners(element, node);
      ZeebeTaskDefinition task = node.getSingleExtensionElement(ZeebeTaskDefinition.class);
      if (task != null) {
        Map<String, String> headers = new LinkedHashMap<>();
        ZeebeTaskHeaders taskHeaders = node.getSingleExtensionElement(ZeebeTaskHeaders.class);
        if (taskHeaders != null) {
          for (ZeebeHeader header : taskHeaders.getHeaders()) {
            headers.put(header.getKey(), header.getValue());
          }
        }
        String retries = task.getRetries() == null ? ZeebeTaskDefinition.DEFAULT_RETRIES : task.getRetries();
        element.setJob(
            new JobDefinition(
                expression(node.getId(), "job type", task.getType()),
                expression(node.getId(), "job retries", retries),
                headers));
      }
      switch (element.type()) {
        case SERVICE_TASK, SEND_TASK -> requireJob(element, node);
        case SCRIPT_TASK -> {
          ZeebeScript script = node.getSingleExtensionElement(ZeebeScript.class);
          if (script != null) {
            element.setScript(
                new ScriptDefinition(
                    feel(node.getId(), "script", script.getExpression()), script.getResultVariable()));
          } else {
            requireJob(element, node);
          }
        }
        case BUSINESS_RULE_TASK -> {
          ZeebeCalledDecision decision = node.getSingleExtensionElement(ZeebeCalledDecision.class);
          if (decision != null) {
            if (decision.getBindingType() == ZeebeBindingType.versionTag) {
              throw new DeploymentException(
                  "'" + resourceName + "': element '" + node.getId()
                      + "' uses binding type 'versionTag', which the FLEP engine does not support"
                      + " (use 'latest' or 'deployment')");
            }
            element.setCalledDecision(
                new CalledDecision(
                    expression(node.getId(), "decision id", decision.getDecisionId()),
                    decision.getResultVariable(),
                    decision.getBindingType() == ZeebeBindingType.deployment));
          } else {
            requireJob(element, node);
          }
        }
        case CALL_ACTIVITY -> {
          ZeebeCalledElement called = node.getSingleExtensionElement(ZeebeCalledElement.class);
          if (called == null || called.getProcessId() == null) {
            throw new DeploymentException(
                "'" + resourceName + "': call activity '" + node.getId() + "' has no zeebe:calledElement");
          }
          element.setCalledElement(
              new CalledElement(
                  expression(node.getId(), "called process id", called.getProcessId()),
                  called.isPropagateAllChildVariablesEnabled(),
                  called.isPropagateAllParentVariablesEnabled()));
        }
        case RECEIVE_TASK -> {
          ReceiveTask receive = (ReceiveTask) node;
          if (receive.getMessage() == null) {
            throw new DeploymentException(
                "'" + resourceName + "': receive task '" + node.getId() + "' has no message");
          }
          element.setEvent(EventKind.MESSAGE);
          element.setMessage(message(node.getId(), receive.getMessage(), true));
        }
        case START_EVENT, END_EVENT, BOUNDARY_EVENT, INTERMEDIATE_CATCH_EVENT,
            INTERMEDIATE_THROW_EVENT ->
            readEvent(element, (io.camunda.zeebe.model.bpmn.instance.Event) node);
        default -> {}
      }
      if (node instanceof Activity activity
          && activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics loop) {
        element.setMultiInstance(multiInstance(node.getId(), loop));
      } else if (node instanceof Activity activity && activity.getLoopCharacteristics() != null) {
        throw new DeploymentException(
            "'" + resourceName + "': element '" + node.getId()
                + "' uses standard loop characteristics, which Zeebe BPMN does not support");
      }
    }

    private void requireJob(ExecutableElement element, FlowNode node) throws DeploymentException {
      if (element.job() == null) {
        throw new DeploymentException(
            "'" + resourceName + "': " + element + " has no zeebe:taskDefinition");
      }
    }

    private void readEvent(ExecutableElement element, io.camunda.zeebe.model.bpmn.instance.Event event)
        throws DeploymentException {
      Collection<EventDefinition> definitions =
          event.getChildElementsByType(EventDefinition.class);
      if (definitions.size() > 1) {
        throw new DeploymentException(
            "'" + resourceName + "': event '" + event.getId() + "' has more than one event definition");
      }
      EventDefinition definition = definitions.isEmpty() ? null : definitions.iterator().next();
      BpmnElementType type = element.type();
      if (definition == null) {
        if (type == BpmnElementType.BOUNDARY_EVENT || type == BpmnElementType.INTERMEDIATE_CATCH_EVENT) {
          throw unsupported(event);
        }
      } else if (definition instanceof ErrorEventDefinition error
          && (type == BpmnElementType.END_EVENT || type == BpmnElementType.BOUNDARY_EVENT)) {
        element.setEvent(EventKind.ERROR);
        String code = error.getError() == null ? null : error.getError().getErrorCode();
        if (type == BpmnElementType.END_EVENT && (code == null || code.isBlank())) {
          throw new DeploymentException(
              "'" + resourceName + "': error end event '" + event.getId() + "' has no error code");
        }
        element.setErrorCode(code == null || code.isBlank() ? null : expression(event.getId(), "error code", code));
      } else if (definition instanceof TimerEventDefinition timer
          && type != BpmnElementType.END_EVENT
          && type != BpmnElementType.INTERMEDIATE_THROW_EVENT) {
        element.setEvent(EventKind.TIMER);
        element.setTimer(timer(event.getId(), timer));
      } else if (definition instanceof MessageEventDefinition message
          && (type == BpmnElementType.START_EVENT
              || type == BpmnElementType.BOUNDARY_EVENT
              || type == BpmnElementType.INTERMEDIATE_CATCH_EVENT)) {
        if (message.getMessage() == null) {
          throw new DeploymentException(
              "'" + resourceName + "': message event '" + event.getId() + "' has no message");
        }
        element.setEvent(EventKind.MESSAGE);
        element.setMessage(
            message(event.getId(), message.getMessage(), type != BpmnElementType.START_EVENT));
      } else if (definition instanceof TerminateEventDefinition && type == BpmnElementType.END_EVENT) {
        element.setEvent(EventKind.TERMINATE);
      } else {
        throw new DeploymentException(
            "'" + resourceName + "': element '" + event.getId() + "' of type '"
                + event.getElementType().getTypeName() + "' with a "
                + definition.getElementType().getTypeName()
                + " is not supported by the FLEP engine (see docs/engine.md for the supported elements)");
      }
      if (event instanceof BoundaryEvent boundary) {
        ExecutableElement attached = elements.get(boundary.getAttachedTo().getId());
        if (attached == null) {
          throw new DeploymentException(
              "'" + resourceName + "': boundary event '" + event.getId()
                  + "' must be declared after the activity it is attached to");
        }
        element.setAttachedTo(attached, boundary.cancelActivity());
        attached.mutableBoundaryEvents().add(element);
      }
    }

    private TimerDefinition timer(String id, TimerEventDefinition timer) throws DeploymentException {
      if (timer.getTimeDuration() != null) {
        return new TimerDefinition(
            TimerDefinition.Kind.DURATION,
            expression(id, "timer duration", timer.getTimeDuration().getTextContent()));
      } else if (timer.getTimeDate() != null) {
        return new TimerDefinition(
            TimerDefinition.Kind.DATE, expression(id, "timer date", timer.getTimeDate().getTextContent()));
      } else if (timer.getTimeCycle() != null) {
        return new TimerDefinition(
            TimerDefinition.Kind.CYCLE, expression(id, "timer cycle", timer.getTimeCycle().getTextContent()));
      }
      throw new DeploymentException("'" + resourceName + "': timer event '" + id + "' has no time");
    }

    private MessageDefinition message(
        String id, io.camunda.zeebe.model.bpmn.instance.Message message, boolean needsCorrelationKey)
        throws DeploymentException {
      ZeebeSubscription subscription = message.getSingleExtensionElement(ZeebeSubscription.class);
      Expression correlationKey =
          subscription == null || subscription.getCorrelationKey() == null
              ? null
              : expression(id, "correlation key", subscription.getCorrelationKey());
      if (needsCorrelationKey && correlationKey == null) {
        throw new DeploymentException(
            "'" + resourceName + "': message of '" + id + "' has no zeebe:subscription correlation key");
      }
      return new MessageDefinition(expression(id, "message name", message.getName()), correlationKey);
    }

    private MultiInstance multiInstance(String id, MultiInstanceLoopCharacteristics loop)
        throws DeploymentException {
      ZeebeLoopCharacteristics zeebe =
          loop.getSingleExtensionElement(ZeebeLoopCharacteristics.class);
      if (zeebe == null || zeebe.getInputCollection() == null) {
        throw new DeploymentException(
            "'" + resourceName + "': multi-instance '" + id + "' has no input collection");
      }
      String condition =
          loop.getCompletionCondition() == null ? null : loop.getCompletionCondition().getTextContent();
      return new MultiInstance(
          loop.isSequential(),
          feel(id, "input collection", zeebe.getInputCollection()),
          blankToNull(zeebe.getInputElement()),
          blankToNull(zeebe.getOutputCollection()),
          zeebe.getOutputElement() == null ? null : feel(id, "output element", zeebe.getOutputElement()),
          condition == null || condition.isBlank() ? null : feel(id, "completion condition", condition));
    }

    private void readMappings(ExecutableElement element, BaseElement node) throws DeploymentException {
      ZeebeIoMapping io = node.getSingleExtensionElement(ZeebeIoMapping.class);
      if (io == null) {
        return;
      }
      for (var input : io.getInputs()) {
        element.mutableInputs().add(
            new Mapping(expression(node.getId(), "input mapping", input.getSource()), input.getTarget()));
      }
      for (var output : io.getOutputs()) {
        element.mutableOutputs().add(
            new Mapping(expression(node.getId(), "output mapping", output.getSource()), output.getTarget()));
      }
    }

    private void readListeners(ExecutableElement element, BaseElement node) throws DeploymentException {
      ZeebeExecutionListeners listeners = node.getSingleExtensionElement(ZeebeExecutionListeners.class);
      if (listeners == null) {
        return;
      }
      for (var listener : listeners.getExecutionListeners()) {
        String retries =
            listener.getRetries() == null ? ZeebeTaskDefinition.DEFAULT_RETRIES : listener.getRetries();
        element.addListener(
            new ExecutionListener(
                listener.getEventType() == ZeebeExecutionListenerEventType.start,
                expression(node.getId(), "execution listener type", listener.getType()),
                expression(node.getId(), "execution listener retries", retries)));
      }
    }

    private void finish(ExecutableElement element) throws DeploymentException {
      FlowNode node = process.getModelInstance().getModelElementById(element.id());
      String defaultId = null;
      if (node instanceof ExclusiveGateway gateway && gateway.getDefault() != null) {
        defaultId = gateway.getDefault().getId();
      } else if (node instanceof InclusiveGateway gateway && gateway.getDefault() != null) {
        defaultId = gateway.getDefault().getId();
      }
      if (defaultId != null) {
        element.setDefaultFlow(flows.get(defaultId));
      }
      if (element.type() == BpmnElementType.EVENT_BASED_GATEWAY) {
        for (SequenceFlow flow : element.outgoing()) {
          ExecutableElement target = flow.target();
          if (target.type() != BpmnElementType.INTERMEDIATE_CATCH_EVENT
              || (target.eventKind() != EventKind.TIMER && target.eventKind() != EventKind.MESSAGE)) {
            throw new DeploymentException(
                "'" + resourceName + "': event-based gateway '" + element.id()
                    + "' must lead only to timer or message catch events, but leads to " + target);
          }
        }
      }

    }

    private Expression expression(String id, String what, String text) throws DeploymentException {
      try {
        return Expression.parse(text);
      } catch (ExpressionException e) {
        throw new DeploymentException(
            "'" + resourceName + "': element '" + id + "': invalid " + what + ": " + e.getMessage(), e);
      }
    }

    private Expression feel(String id, String what, String text) throws DeploymentException {
      String feel = text == null ? "" : text.strip();
      try {
        return feel.startsWith("=") ? Expression.parse(feel) : Expression.feel(feel);
      } catch (ExpressionException e) {
        throw new DeploymentException(
            "'" + resourceName + "': element '" + id + "': invalid " + what + ": " + e.getMessage(), e);
      }
    }

    private static String blankToNull(String text) {
      return text == null || text.isBlank() ? null : text;
    }
  }
}
