package io.flep.engine.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything changed since the last commit; the store writes it in one transaction. */
public final class ChangeSet {
  public final Map<Long, ElementInstance> elementInstances = new LinkedHashMap<>();
  public final Map<Long, Variable> variables = new LinkedHashMap<>();
  public final Map<Long, Job> jobs = new LinkedHashMap<>();
  public final Map<Long, Incident> incidents = new LinkedHashMap<>();
  public final Map<Long, Timer> timers = new LinkedHashMap<>();
  public final Map<Long, MessageSubscription> subscriptions = new LinkedHashMap<>();
  public final Map<Long, Message> messages = new LinkedHashMap<>();
  public final List<ProcessDefinition> processDefinitions = new ArrayList<>();
  public final List<DecisionRequirements> decisionRequirements = new ArrayList<>();
  public final List<DecisionDefinition> decisions = new ArrayList<>();
  /** (process instance key, flow id) pairs taken for the first time. */
  public final Set<TakenFlow> takenFlows = new LinkedHashSet<>();
  public long nextKey = -1;

  public record TakenFlow(long processInstanceKey, String flowId) {}

  public boolean isEmpty() {
    return elementInstances.isEmpty()
        && variables.isEmpty()
        && jobs.isEmpty()
        && incidents.isEmpty()
        && timers.isEmpty()
        && subscriptions.isEmpty()
        && messages.isEmpty()
        && processDefinitions.isEmpty()
        && decisionRequirements.isEmpty()
        && decisions.isEmpty()
        && takenFlows.isEmpty();
  }

  public void clear() {
    elementInstances.clear();
    variables.clear();
    jobs.clear();
    incidents.clear();
    timers.clear();
    subscriptions.clear();
    messages.clear();
    processDefinitions.clear();
    decisionRequirements.clear();
    decisions.clear();
    takenFlows.clear();
    nextKey = -1;
  }
}
