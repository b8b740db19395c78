package io.flep.engine.processing;

import io.flep.engine.expression.Cycle;
import io.flep.engine.expression.ExpressionEvaluator;
import io.flep.engine.expression.ExpressionException;
import io.flep.engine.expression.VariableLookup;
import io.flep.engine.model.BpmnElementType;
import io.flep.engine.model.EventKind;
import io.flep.engine.model.ExecutableElement;
import io.flep.engine.model.MessageDefinition;
import io.flep.engine.model.TimerDefinition;
import io.flep.engine.state.ElementInstance;
import io.flep.engine.state.EngineState;
import io.flep.engine.state.Message;
import io.flep.engine.state.MessageSubscription;
import io.flep.engine.state.ProcessDefinition;
import io.flep.engine.state.Timer;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Opens and closes what catch events wait for: timers (duration, date, cycle) and message
 * subscriptions (name and correlation key evaluated when the wait opens), as Zeebe does.
 */
final class EventTriggers {
  private final EngineState state;
  private final ExpressionEvaluator feel;
  private final LongSupplier clock;

  EventTriggers(EngineState state, ExpressionEvaluator feel, LongSupplier clock) {
    this.state = state;
    this.feel = feel;
    this.clock = clock;
  }

  /** Opens the wait of a catch event or receive task ({@code owner} is its own instance). */
  void openOwn(ElementInstance owner, ExecutableElement element, VariableLookup scope) throws StepFailure {
    open(owner, element, scope);
  }

  /** Opens the timer and message boundary events of an activity that became active. */
  void openBoundaries(ElementInstance activity, ExecutableElement element, VariableLookup scope)
      throws StepFailure {
    for (ExecutableElement boundary : element.boundaryEvents()) {
      if (boundary.eventKind() == EventKind.TIMER || boundary.eventKind() == EventKind.MESSAGE) {
        open(activity, boundary, scope);
      }
    }
  }

  private void open(ElementInstance owner, ExecutableElement event, VariableLookup scope) throws StepFailure {
    if (event.eventKind() == EventKind.TIMER) {
      Timer timer = newTimer(owner.key(), owner.processInstanceKey(), owner.processDefinitionKey(), event, scope);
      state.addTimer(timer);
      owner.runtime().timerKeys.add(timer.key);
    } else if (event.eventKind() == EventKind.MESSAGE) {
      MessageDefinition message = event.message();
      MessageSubscription subscription =
          new MessageSubscription(
              state.nextKey(), owner.key(), owner.processInstanceKey(), owner.processDefinitionKey(),
              owner.bpmnProcessId(), event.id(), messageName(message, scope),
              correlationKey(message, scope));
      state.addSubscription(subscription);
      owner.runtime().subscriptionKeys.add(subscription.key);
    }
    state.touch(owner);
  }

  /** Cancels every timer and subscription the instance opened. */
  void close(ElementInstance owner) {
    for (long key : owner.runtime().timerKeys) {
      state.timer(key).ifPresent(timer -> {
        timer.state = "CANCELED";
        state.touch(timer);
      });
    }
    for (long key : owner.runtime().subscriptionKeys) {
      state.subscription(key).ifPresent(subscription -> {
        subscription.state = "CLOSED";
        state.touch(subscription);
      });
    }
    owner.runtime().timerKeys.clear();
    owner.runtime().subscriptionKeys.clear();
  }

  /** Schedules the timer start events of a newly deployed version, cancelling the previous version's. */
  void scheduleStartTimers(ProcessDefinition definition, ProcessDefinition previous) throws StepFailure {
    if (previous != null) {
      for (Timer timer : state.startTimers(previous.key())) {
        timer.state = "CANCELED";
        state.touch(timer);
      }
    }
    for (ExecutableElement start : definition.executable().root().children()) {
      if (start.type() == BpmnElementType.START_EVENT && start.eventKind() == EventKind.TIMER) {
        state.addTimer(newTimer(-1, -1, definition.key(), start, VariableLookup.empty()));
      }
    }
  }

  /** Moves a cycle timer to its next firing; false when it has none left. */
  boolean reschedule(Timer timer) {
    if (timer.intervalMillis <= 0 || timer.repetitions == 1) {
      return false;
    }
    timer.dueDate = timer.dueDate + timer.intervalMillis;
    if (timer.repetitions > 0) {
      timer.repetitions--;
    }
    state.touch(timer);
    return true;
  }

  private Timer newTimer(
      long owner, long processInstanceKey, long definitionKey, ExecutableElement event, VariableLookup scope)
      throws StepFailure {
    TimerDefinition definition = event.timer();
    long now = clock.getAsLong();
    try {
      return switch (definition.kind()) {
        case DURATION -> new Timer(
            state.nextKey(), owner, processInstanceKey, definitionKey, event.id(),
            now + feel.evaluateDuration(definition.expression(), scope).toMillis(), 1, 0);
        case DATE -> {
          ZonedDateTime date = feel.evaluateDateTime(definition.expression(), scope);
          yield new Timer(
              state.nextKey(), owner, processInstanceKey, definitionKey, event.id(),
              date.toInstant().toEpochMilli(), 1, 0);
        }
        case CYCLE -> {
          Cycle cycle = feel.evaluateCycle(definition.expression(), scope);
          long interval = cycle.interval().toMillis();
          long first = cycle.start().map(s -> s.toInstant().toEpochMilli()).orElse(now + interval);
          yield new Timer(
              state.nextKey(), owner, processInstanceKey, definitionKey, event.id(), first,
              cycle.isInfinite() ? -1 : cycle.repetitions(), interval);
        }
      };
    } catch (ExpressionException e) {
      throw new StepFailure("EXTRACT_VALUE_ERROR", e.getMessage());
    }
  }

  private String messageName(MessageDefinition message, VariableLookup scope) throws StepFailure {
    try {
      return feel.evaluateString(message.name(), scope);
    } catch (ExpressionException e) {
      throw new StepFailure("EXTRACT_VALUE_ERROR", e.getMessage());
    }
  }

  /** A correlation key is a string or a number (as its text), as in Zeebe. */
  private String correlationKey(MessageDefinition message, VariableLookup scope) throws StepFailure {
    if (message.correlationKey() == null) {
      return "";
    }
    Object value;
    try {
      value = feel.evaluate(message.correlationKey(), scope);
    } catch (ExpressionException e) {
      throw new StepFailure("EXTRACT_VALUE_ERROR", e.getMessage());
    }
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }
    throw new StepFailure(
        "EXTRACT_VALUE_ERROR",
        "Failed to extract the correlation key for '" + message.correlationKey().source()
            + "': The value must be either a string or a number, but was '"
            + (value == null ? "NULL" : value.getClass().getSimpleName().toUpperCase()) + "'.");
  }

  /** Subscriptions to correlate a message to: at most one per process instance, oldest first. */
  List<MessageSubscription> correlationTargets(String name, String correlationKey) {
    List<MessageSubscription> targets = new ArrayList<>();
    List<Long> instances = new ArrayList<>();
    for (MessageSubscription subscription : state.subscriptionsFor(name, correlationKey)) {
      if (!instances.contains(subscription.processInstanceKey)) {
        instances.add(subscription.processInstanceKey);
        targets.add(subscription);
      }
    }
    return targets;
  }

  /** Buffered messages a just-opened subscription can take: not yet correlated to its process. */
  List<Message> bufferedFor(MessageSubscription subscription) {
    return state.bufferedMessages(subscription.messageName, subscription.correlationKey).stream()
        .filter(m -> !m.correlatedTo.contains(subscription.bpmnProcessId))
        .toList();
  }
}
