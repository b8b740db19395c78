package io.flep.workers.engine;

import io.flep.engine.query.EngineQueries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the run monitor needs from the embedded engine: incidents and completed or terminated
 * elements per process instance, read from the engine's stored state. Thread-safe.
 *
 * <p>Only available with the embedded engine (a remote cluster exposes this through Operate / the
 * REST search API instead).
 */
public final class IncidentFeed {

  /** An incident raised inside a process instance (e.g. a job failed with no retries left). */
  public record Incident(
      long incidentKey,
      long processInstanceKey,
      String elementId,
      long elementInstanceKey,
      long jobKey,
      String errorType,
      String errorMessage) {}

  /** A flow element that completed; {@code type} is the BPMN element type as Zeebe names it. */
  public record CompletedElement(
      long processInstanceKey, long elementInstanceKey, String elementId, String type, long timestamp) {}

  private final EngineQueries queries;

  public IncidentFeed(EngineQueries queries) {
    this.queries = queries;
  }

  public static IncidentFeed of(EmbeddedEngine engine) {
    return new IncidentFeed(engine.queries());
  }

  /** Every incident created in the instance, oldest first (resolved ones included). */
  public List<Incident> incidents(long processInstanceKey) {
    return queries.incidents(processInstanceKey).stream().map(IncidentFeed::incident).toList();
  }

  /** Incidents of the instance that are not resolved yet, oldest first. */
  public List<Incident> openIncidents(long processInstanceKey) {
    return queries.incidents(processInstanceKey).stream()
        .filter(i -> i.state().equals("ACTIVE"))
        .map(IncidentFeed::incident)
        .toList();
  }

  /** Elements of the instance that completed, in completion order. */
  public List<CompletedElement> completedElements(long processInstanceKey) {
    List<CompletedElement> completed =
        new ArrayList<>(
            queries.elementInstances(processInstanceKey).stream()
                .filter(e -> e.state().equals("COMPLETED"))
                .sorted(Comparator.comparing(EngineQueries.ElementInstanceView::endDate)
                    .thenComparing(EngineQueries.ElementInstanceView::key))
                .map(e -> new CompletedElement(processInstanceKey, e.key(), e.elementId(), e.type(), e.endDate()))
                .toList());
    // the process itself completes last (type PROCESS, as Zeebe records it)
    queries.processInstance(processInstanceKey)
        .filter(p -> p.state().equals("COMPLETED"))
        .ifPresent(p -> completed.add(
            new CompletedElement(processInstanceKey, p.key(), p.bpmnProcessId(), "PROCESS", p.endDate())));
    return completed;
  }

  /** True once the process instance itself completed. */
  public boolean isCompleted(long processInstanceKey) {
    return queries.processInstance(processInstanceKey).map(p -> p.state().equals("COMPLETED")).orElse(false);
  }

  /** True once the process instance was terminated (cancelled). */
  public boolean isTerminated(long processInstanceKey) {
    return queries.processInstance(processInstanceKey).map(p -> p.state().equals("TERMINATED")).orElse(false);
  }

  /** "run stopped at &lt;element&gt;: &lt;incident message&gt;" for the oldest open incident, if any. */
  public Optional<String> stopReason(long processInstanceKey) {
    return openIncidents(processInstanceKey).stream()
        .findFirst()
        .map(i -> "run stopped at " + i.elementId() + ": " + i.errorMessage());
  }

  private static Incident incident(EngineQueries.IncidentView i) {
    return new Incident(
        i.key(), i.processInstanceKey(), i.elementId(), i.elementInstanceKey(), i.jobKey(), i.errorType(),
        i.errorMessage());
  }
}
