package io.flep.engine.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * The engine's working set: deployed definitions and everything not yet finished (instances,
 * variables of their scopes, jobs, incidents). Finished things are written to the store and then
 * dropped from memory, so memory stays bounded by the work in flight. Every change is recorded in
 * {@link #changes()} and committed by the processor before anyone hears about it.
 *
 * <p>Not thread-safe: owned by the processor thread.
 */
public final class EngineState {
  private final KeyGenerator keys;
  private final ChangeSet changes = new ChangeSet();

  private final Map<Long, ProcessDefinition> processDefinitions = new HashMap<>();
  private final Map<String, ProcessDefinition> latestProcess = new HashMap<>();
  private final Map<Long, DecisionRequirements> decisionRequirements = new HashMap<>();
  private final Map<String, DecisionRequirements> latestDrg = new HashMap<>();
  private final Map<Long, DecisionDefinition> decisions = new HashMap<>();
  private final Map<String, DecisionDefinition> latestDecision = new HashMap<>();

  private final Map<Long, ElementInstance> elementInstances = new HashMap<>();
  private final Map<Long, Set<Long>> children = new HashMap<>();
  private final Map<Long, Map<String, Variable>> variables = new HashMap<>();
  private final Map<Long, Job> jobs = new HashMap<>();
  private final Map<String, Set<Long>> activatableByType = new HashMap<>();
  /** (due time, job key) of every activated job's deadline and failed job's back-off, earliest first. */
  private final TreeSet<long[]> jobDue =
      new TreeSet<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
  private final Map<Long, long[]> jobDueEntry = new HashMap<>();
  private final Map<Long, Incident> incidents = new LinkedHashMap<>();
  private final Map<Long, Timer> timers = new HashMap<>();
  private final PriorityQueue<long[]> timerDue = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
  private final Map<Long, MessageSubscription> subscriptions = new LinkedHashMap<>();
  private final Map<String, Set<Long>> subscriptionsByMessage = new HashMap<>();
  private final Map<Long, Message> messages = new LinkedHashMap<>();
  private final Map<String, Set<Long>> messagesByCorrelation = new HashMap<>();
  private final PriorityQueue<long[]> messageDeadlines = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));

  public EngineState(long nextKey) {
    this.keys = new KeyGenerator(nextKey);
  }

  public long nextKey() {
    long key = keys.next();
    changes.nextKey = keys.peek();
    return key;
  }

  public ChangeSet changes() {
    return changes;
  }

  // ---- definitions

  public void addProcessDefinition(ProcessDefinition definition, boolean isNew) {
    processDefinitions.put(definition.key(), definition);
    ProcessDefinition latest = latestProcess.get(definition.bpmnProcessId());
    if (latest == null || latest.version() < definition.version()) {
      latestProcess.put(definition.bpmnProcessId(), definition);
    }
    if (isNew) {
      changes.processDefinitions.add(definition);
    }
  }

  public Optional<ProcessDefinition> processDefinition(long key) {
    return Optional.ofNullable(processDefinitions.get(key));
  }

  public Optional<ProcessDefinition> latestProcess(String bpmnProcessId) {
    return Optional.ofNullable(latestProcess.get(bpmnProcessId));
  }

  public Optional<ProcessDefinition> processVersion(String bpmnProcessId, int version) {
    return processDefinitions.values().stream()
        .filter(d -> d.bpmnProcessId().equals(bpmnProcessId) && d.version() == version)
        .findFirst();
  }

  public void addDecisionRequirements(DecisionRequirements drg, boolean isNew) {
    decisionRequirements.put(drg.key(), drg);
    DecisionRequirements latest = latestDrg.get(drg.drgId());
    if (latest == null || latest.version() < drg.version()) {
      latestDrg.put(drg.drgId(), drg);
    }
    if (isNew) {
      changes.decisionRequirements.add(drg);
    }
  }

  public void addDecision(DecisionDefinition decision, boolean isNew) {
    decisions.put(decision.key(), decision);
    DecisionDefinition latest = latestDecision.get(decision.decisionId());
    if (latest == null || latest.version() < decision.version()) {
      latestDecision.put(decision.decisionId(), decision);
    }
    if (isNew) {
      changes.decisions.add(decision);
    }
  }

  public Optional<DecisionRequirements> latestDecisionRequirements(String drgId) {
    return Optional.ofNullable(latestDrg.get(drgId));
  }

  public Optional<DecisionRequirements> decisionRequirements(long key) {
    return Optional.ofNullable(decisionRequirements.get(key));
  }

  public Optional<DecisionDefinition> decision(long key) {
    return Optional.ofNullable(decisions.get(key));
  }

  public Optional<DecisionDefinition> latestDecision(String decisionId) {
    return Optional.ofNullable(latestDecision.get(decisionId));
  }

  /** The decision with this id deployed together with {@code deploymentKey}, if any. */
  public Optional<DecisionDefinition> decisionOfDeployment(String decisionId, long deploymentKey) {
    return decisions.values().stream()
        .filter(d -> d.decisionId().equals(decisionId) && d.deploymentKey() == deploymentKey)
        .findFirst();
  }

  // ---- element instances

  public void addElementInstance(ElementInstance instance) {
    elementInstances.put(instance.key(), instance);
    if (instance.flowScopeKey() >= 0) {
      children.computeIfAbsent(instance.flowScopeKey(), k -> new LinkedHashSet<>()).add(instance.key());
    }
    changes.elementInstances.put(instance.key(), instance);
  }

  /** A loaded (already stored) instance. */
  public void restoreElementInstance(ElementInstance instance) {
    elementInstances.put(instance.key(), instance);
    if (instance.flowScopeKey() >= 0) {
      children.computeIfAbsent(instance.flowScopeKey(), k -> new LinkedHashSet<>()).add(instance.key());
    }
  }

  public Optional<ElementInstance> elementInstance(long key) {
    return Optional.ofNullable(elementInstances.get(key));
  }

  public ElementInstance requireElementInstance(long key) {
    ElementInstance instance = elementInstances.get(key);
    if (instance == null) {
      throw new IllegalStateException("no element instance " + key + " in the working set");
    }
    return instance;
  }

  /** Unfinished child instances of a scope, oldest first. */
  public List<ElementInstance> children(long scopeKey) {
    Set<Long> keys = children.get(scopeKey);
    if (keys == null) {
      return List.of();
    }
    List<ElementInstance> result = new ArrayList<>();
    for (long key : keys) {
      ElementInstance child = elementInstances.get(key);
      if (child != null) {
        result.add(child);
      }
    }
    return result;
  }

  public void touch(ElementInstance instance) {
    changes.elementInstances.put(instance.key(), instance);
  }

  /** Drops a finished instance and its variables from memory (they are already in the change set). */
  public void evict(ElementInstance instance) {
    elementInstances.remove(instance.key());
    children.remove(instance.key());
    Set<Long> siblings = children.get(instance.flowScopeKey());
    if (siblings != null) {
      siblings.remove(instance.key());
    }
    variables.remove(instance.key());
  }

  public Collection<ElementInstance> elementInstances() {
    return Collections.unmodifiableCollection(elementInstances.values());
  }

  // ---- variables

  public Optional<Variable> localVariable(long scopeKey, String name) {
    Map<String, Variable> scope = variables.get(scopeKey);
    return scope == null ? Optional.empty() : Optional.ofNullable(scope.get(name));
  }

  public Map<String, Variable> localVariables(long scopeKey) {
    Map<String, Variable> scope = variables.get(scopeKey);
    return scope == null ? Map.of() : Collections.unmodifiableMap(scope);
  }

  /** Creates or updates a local variable; unchanged values are not rewritten. */
  public void setLocalVariable(long scopeKey, long processInstanceKey, String name, String json) {
    Map<String, Variable> scope = variables.computeIfAbsent(scopeKey, k -> new LinkedHashMap<>());
    Variable variable = scope.get(name);
    if (variable == null) {
      variable = new Variable(nextKey(), scopeKey, processInstanceKey, name, json);
      scope.put(name, variable);
    } else if (variable.json.equals(json)) {
      return;
    } else {
      variable.json = json;
    }
    changes.variables.put(variable.key, variable);
  }

  public void restoreVariable(Variable variable) {
    variables.computeIfAbsent(variable.scopeKey, k -> new LinkedHashMap<>()).put(variable.name, variable);
  }

  // ---- jobs

  public void addJob(Job job) {
    jobs.put(job.key, job);
    touch(job);
  }

  public void restoreJob(Job job) {
    jobs.put(job.key, job);
    index(job);
  }

  public Optional<Job> job(long key) {
    return Optional.ofNullable(jobs.get(key));
  }

  /** Records a change of the job and re-indexes it; finished jobs leave memory. */
  public void touch(Job job) {
    changes.jobs.put(job.key, job);
    index(job);
    if (job.state.isFinished()) {
      jobs.remove(job.key);
    }
  }

  private void index(Job job) {
    Set<Long> activatable = activatableByType.computeIfAbsent(job.type, t -> new LinkedHashSet<>());
    if (job.isActivatable() && !job.state.isFinished()) {
      activatable.add(job.key);
    } else {
      activatable.remove(job.key);
    }
    long[] old = jobDueEntry.remove(job.key);
    if (old != null) {
      jobDue.remove(old);
    }
    long due =
        job.state == JobState.ACTIVATED && job.deadline > 0
            ? job.deadline
            : job.state == JobState.FAILED && job.retryAt > 0 ? job.retryAt : -1;
    if (due > 0) {
      long[] entry = {due, job.key};
      jobDue.add(entry);
      jobDueEntry.put(job.key, entry);
    }
  }

  /** Activatable jobs of a type, oldest first (a snapshot). */
  public List<Job> activatableJobs(String type, int max) {
    Set<Long> keys = activatableByType.get(type);
    if (keys == null || keys.isEmpty()) {
      return List.of();
    }
    List<Job> result = new ArrayList<>();
    for (long key : keys) {
      if (result.size() >= max) {
        break;
      }
      Job job = jobs.get(key);
      if (job != null) {
        result.add(job);
      }
    }
    return result;
  }

  public boolean hasActivatableJobs(String type) {
    Set<Long> keys = activatableByType.get(type);
    return keys != null && !keys.isEmpty();
  }

  /** The earliest job deadline or back-off end, or Long.MAX_VALUE. */
  public long nextJobDue() {
    return jobDue.isEmpty() ? Long.MAX_VALUE : jobDue.first()[0];
  }

  /** Jobs whose deadline or back-off has passed at {@code now}. */
  public List<Job> dueJobs(long now) {
    List<Job> due = new ArrayList<>();
    while (!jobDue.isEmpty() && jobDue.first()[0] <= now) {
      long[] entry = jobDue.pollFirst();
      jobDueEntry.remove(entry[1]);
      Job job = jobs.get(entry[1]);
      if (job != null) {
        due.add(job);
      }
    }
    return due;
  }

  public Collection<Job> jobs() {
    return Collections.unmodifiableCollection(jobs.values());
  }

  // ---- incidents

  public void addIncident(Incident incident) {
    incidents.put(incident.key, incident);
    changes.incidents.put(incident.key, incident);
  }

  public void restoreIncident(Incident incident) {
    incidents.put(incident.key, incident);
  }

  public Optional<Incident> incident(long key) {
    return Optional.ofNullable(incidents.get(key));
  }

  public void resolve(Incident incident, long now) {
    incident.state = "RESOLVED";
    incident.resolvedAt = now;
    changes.incidents.put(incident.key, incident);
    incidents.remove(incident.key);
  }

  /** Active incidents of an element instance. */
  public List<Incident> incidentsOf(long elementInstanceKey) {
    return incidents.values().stream().filter(i -> i.elementInstanceKey == elementInstanceKey).toList();
  }

  public Collection<Incident> incidents() {
    return Collections.unmodifiableCollection(incidents.values());
  }

  // ---- timers

  public void addTimer(Timer timer) {
    restoreTimer(timer);
    changes.timers.put(timer.key, timer);
  }

  public void restoreTimer(Timer timer) {
    timers.put(timer.key, timer);
    timerDue.add(new long[] {timer.dueDate, timer.key});
  }

  public Optional<Timer> timer(long key) {
    return Optional.ofNullable(timers.get(key));
  }

  /** Records a change; a timer that is no longer active leaves memory, a rescheduled one is re-queued. */
  public void touch(Timer timer) {
    changes.timers.put(timer.key, timer);
    if (timer.isActive()) {
      timerDue.add(new long[] {timer.dueDate, timer.key});
    } else {
      timers.remove(timer.key);
    }
  }

  public long nextTimerDue() {
    while (!timerDue.isEmpty()) {
      long[] head = timerDue.peek();
      Timer timer = timers.get(head[1]);
      if (timer != null && timer.isActive() && timer.dueDate == head[0]) {
        return head[0];
      }
      timerDue.poll();
    }
    return Long.MAX_VALUE;
  }

  /** Active timers due at {@code now}, earliest first. */
  public List<Timer> dueTimers(long now) {
    List<Timer> due = new ArrayList<>();
    while (nextTimerDue() <= now) {
      Timer timer = timers.get(timerDue.poll()[1]);
      if (timer != null && !due.contains(timer)) {
        due.add(timer);
      }
    }
    return due;
  }

  /** Active timers of start events of a process definition. */
  public List<Timer> startTimers(long processDefinitionKey) {
    return timers.values().stream()
        .filter(t -> t.elementInstanceKey < 0 && t.processDefinitionKey == processDefinitionKey)
        .toList();
  }

  // ---- message subscriptions and messages

  private static String messageIndex(String name, String correlationKey) {
    return name + '\u0000' + correlationKey;
  }

  public void addSubscription(MessageSubscription subscription) {
    restoreSubscription(subscription);
    changes.subscriptions.put(subscription.key, subscription);
  }

  public void restoreSubscription(MessageSubscription subscription) {
    subscriptions.put(subscription.key, subscription);
    subscriptionsByMessage
        .computeIfAbsent(messageIndex(subscription.messageName, subscription.correlationKey), k -> new LinkedHashSet<>())
        .add(subscription.key);
  }

  public Optional<MessageSubscription> subscription(long key) {
    return Optional.ofNullable(subscriptions.get(key));
  }

  public void touch(MessageSubscription subscription) {
    changes.subscriptions.put(subscription.key, subscription);
    if (!subscription.isActive()) {
      subscriptions.remove(subscription.key);
      Set<Long> index =
          subscriptionsByMessage.get(messageIndex(subscription.messageName, subscription.correlationKey));
      if (index != null) {
        index.remove(subscription.key);
      }
    }
  }

  /** Active subscriptions waiting for this message name and correlation key, oldest first. */
  public List<MessageSubscription> subscriptionsFor(String name, String correlationKey) {
    Set<Long> keys = subscriptionsByMessage.get(messageIndex(name, correlationKey));
    if (keys == null) {
      return List.of();
    }
    return keys.stream().map(subscriptions::get).filter(s -> s != null && s.isActive()).toList();
  }

  public void addMessage(Message message) {
    restoreMessage(message);
    changes.messages.put(message.key, message);
  }

  public void restoreMessage(Message message) {
    messages.put(message.key, message);
    messagesByCorrelation
        .computeIfAbsent(messageIndex(message.name, message.correlationKey), k -> new LinkedHashSet<>())
        .add(message.key);
    messageDeadlines.add(new long[] {message.deadline, message.key});
  }

  public void touch(Message message) {
    changes.messages.put(message.key, message);
    if (!"PUBLISHED".equals(message.state)) {
      messages.remove(message.key);
      Set<Long> index = messagesByCorrelation.get(messageIndex(message.name, message.correlationKey));
      if (index != null) {
        index.remove(message.key);
      }
    }
  }

  /** Buffered (not expired) messages with this name and correlation key, oldest first. */
  public List<Message> bufferedMessages(String name, String correlationKey) {
    Set<Long> keys = messagesByCorrelation.get(messageIndex(name, correlationKey));
    if (keys == null) {
      return List.of();
    }
    return keys.stream().map(messages::get).filter(m -> m != null).toList();
  }

  public Optional<Message> bufferedMessageWithId(String messageId) {
    return messages.values().stream().filter(m -> messageId.equals(m.messageId)).findFirst();
  }

  public long nextMessageExpiry() {
    while (!messageDeadlines.isEmpty()) {
      long[] head = messageDeadlines.peek();
      if (messages.containsKey(head[1])) {
        return head[0];
      }
      messageDeadlines.poll();
    }
    return Long.MAX_VALUE;
  }

  public List<Message> expiredMessages(long now) {
    List<Message> expired = new ArrayList<>();
    while (nextMessageExpiry() <= now) {
      Message message = messages.get(messageDeadlines.poll()[1]);
      if (message != null) {
        expired.add(message);
      }
    }
    return expired;
  }

  /** Deployed processes, latest versions only. */
  public Collection<ProcessDefinition> latestProcesses() {
    return Collections.unmodifiableCollection(latestProcess.values());
  }

  public void flowTaken(long processInstanceKey, String flowId) {
    changes.takenFlows.add(new ChangeSet.TakenFlow(processInstanceKey, flowId));
  }
}
