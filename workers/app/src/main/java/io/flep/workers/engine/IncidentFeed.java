package io.flep.workers.engine;

import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what the run monitor needs from the embedded engine's record stream: incidents (created /
 * resolved) and completed or terminated elements, per process instance. Reading is incremental: each
 * call only decodes records appended since the previous call. Thread-safe.
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

  /** A flow element (or the process itself, type {@link BpmnElementType#PROCESS}) that completed. */
  public record CompletedElement(
      long processInstanceKey,
      long elementInstanceKey,
      String elementId,
      BpmnElementType type,
      long timestamp) {}

  private final RecordStreamSource source;
  private final List<Incident> incidents = new ArrayList<>();
  private final Set<Long> resolvedIncidents = new HashSet<>();
  private final List<CompletedElement> completed = new ArrayList<>();
  private final Set<Long> terminatedInstances = new HashSet<>();
  private int cursor;

  public IncidentFeed(RecordStreamSource source) {
    this.source = source;
  }

  public static IncidentFeed of(EmbeddedEngine engine) {
    return new IncidentFeed(engine.recordStream());
  }

  /** Every incident created in the instance, oldest first (resolved ones included). */
  public synchronized List<Incident> incidents(long processInstanceKey) {
    refresh();
    return incidents.stream().filter(i -> i.processInstanceKey() == processInstanceKey).toList();
  }

  /** Incidents of the instance that are not resolved yet, oldest first. */
  public synchronized List<Incident> openIncidents(long processInstanceKey) {
    refresh();
    return incidents.stream()
        .filter(i -> i.processInstanceKey() == processInstanceKey)
        .filter(i -> !resolvedIncidents.contains(i.incidentKey()))
        .toList();
  }

  /** Elements of the instance that completed, in completion order. */
  public synchronized List<CompletedElement> completedElements(long processInstanceKey) {
    refresh();
    return completed.stream().filter(c -> c.processInstanceKey() == processInstanceKey).toList();
  }

  /** True once the process instance itself completed. */
  public synchronized boolean isCompleted(long processInstanceKey) {
    refresh();
    return completed.stream()
        .anyMatch(c -> c.type() == BpmnElementType.PROCESS && c.elementInstanceKey() == processInstanceKey);
  }

  /** True once the process instance was terminated (cancelled). */
  public synchronized boolean isTerminated(long processInstanceKey) {
    refresh();
    return terminatedInstances.contains(processInstanceKey);
  }

  /** "run stopped at &lt;element&gt;: &lt;incident message&gt;" for the oldest open incident, if any. */
  public Optional<String> stopReason(long processInstanceKey) {
    return openIncidents(processInstanceKey).stream()
        .findFirst()
        .map(i -> "run stopped at " + i.elementId() + ": " + i.errorMessage());
  }

  private void refresh() {
    Iterable<Record<?>> records = source.getRecords();
    if (records instanceof List<Record<?>> list) {
      for (int size = list.size(); cursor < size; cursor++) {
        accept(list.get(cursor));
      }
    } else {
      int index = 0;
      for (Record<?> record : records) {
        if (index++ >= cursor) {
          accept(record);
          cursor++;
        }
      }
    }
  }

  private void accept(Record<?> record) {
    if (record.getRecordType() != RecordType.EVENT) {
      return;
    }
    if (record.getValue() instanceof IncidentRecordValue incident) {
      if (record.getIntent() == IncidentIntent.CREATED) {
        incidents.add(
            new Incident(
                record.getKey(),
                incident.getProcessInstanceKey(),
                incident.getElementId(),
                incident.getElementInstanceKey(),
                incident.getJobKey(),
                String.valueOf(incident.getErrorType()),
                incident.getErrorMessage()));
      } else if (record.getIntent() == IncidentIntent.RESOLVED) {
        resolvedIncidents.add(record.getKey());
      }
    } else if (record.getValue() instanceof ProcessInstanceRecordValue element) {
      if (record.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED) {
        completed.add(
            new CompletedElement(
                element.getProcessInstanceKey(),
                record.getKey(),
                element.getElementId(),
                element.getBpmnElementType(),
                record.getTimestamp()));
      } else if (record.getIntent() == ProcessInstanceIntent.ELEMENT_TERMINATED
          && element.getBpmnElementType() == BpmnElementType.PROCESS) {
        terminatedInstances.add(element.getProcessInstanceKey());
      }
    }
  }
}
