package io.flep.workers.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.flep.plugin.api.param.InvalidPluginOptionException;
import io.flep.plugin.host.UnknownPluginException;
import io.flep.workers.failure.BadInputException;
import io.flep.workers.failure.BusinessRuleViolation;
import io.flep.workers.store.StageRepository;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs one job as a lifecycle stage: records it in the private database and turns failures into what the
 * process model expects.
 *
 * <ul>
 *   <li>integrity violation → BPMN error {@value BpmnErrors#INTEGRITY_VIOLATION};
 *   <li>a party refused a key → BPMN error {@value BpmnErrors#UNTRUSTED_PARTY};
 *   <li>bad input (unreadable image, unknown plugin, malformed variable) → the job fails with no retries
 *       left, so an incident with the cause appears at once;
 *   <li>anything else (the database is down, ...) → the job is retried with back-off; the last failure
 *       becomes an incident.
 * </ul>
 *
 * <p>Each job is recorded once: a job delivered again after its worker's process died takes over its
 * RUNNING record, and one whose work completed but whose completion never reached the engine is
 * answered from the recorded result without running the work again.
 */
@Component
public class StageRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(2);
  private static final TypeReference<Map<String, Object>> RESULT = new TypeReference<>() {};

  private final StageRepository stages;
  private final ObjectMapper json;

  public StageRunner(StageRepository stages, ObjectMapper json) {
    this.stages = stages;
    this.json = json;
  }

  public Map<String, Object> run(ActivatedJob job, Stage stage, String actor, TaskBody body) {
    JobVariables vars = new JobVariables(job);
    UUID runId = vars.runId();
    long startedNanos = System.nanoTime();
    long recordId;
    try {
      StageRepository.Start start =
          stages.start(runId, stage.reportName(), job.getType(), vars.roundOrNull(), actor, job.getKey());
      if (start.alreadyCompleted()) {
        LOG.info("{} (job {}) already completed before a restart: answering with its recorded result",
            job.getType(), job.getKey());
        return json.readValue(start.completedResultJson(), RESULT);
      }
      recordId = start.id();
    } catch (DataAccessException | JsonProcessingException e) {
      throw retryOrIncident(job, -1, startedNanos, "private database unavailable: " + rootMessage(e), e);
    }
    try {
      TaskResult result = body.execute();
      stages.completed(recordId, elapsedMs(startedNanos), toJson(result.details()),
          json.writeValueAsString(result.variables()));
      return result.variables();
    } catch (BusinessRuleViolation e) {
      throw businessError(recordId, startedNanos, e.bpmnErrorCode(), e);
    } catch (BadInputException | InvalidPluginOptionException | UnknownPluginException e) {
      String message = stage.reportName() + ": " + e.getMessage();
      record(recordId, "FAILED", startedNanos, message);
      LOG.error("{} failed: {}", job.getType(), message);
      throw CamundaError.jobError(message, null, 0, Duration.ZERO, e);
    } catch (DataAccessException e) {
      throw retryOrIncident(job, recordId, startedNanos, "private database unavailable: " + rootMessage(e), e);
    } catch (Exception e) {
      throw retryOrIncident(job, recordId, startedNanos, e.getClass().getSimpleName() + ": " + rootMessage(e), e);
    }
  }

  private RuntimeException businessError(long recordId, long startedNanos, String code, RuntimeException e) {
    record(recordId, "REJECTED", startedNanos, code + ": " + e.getMessage());
    LOG.warn("{}: {}", code, e.getMessage());
    return CamundaError.bpmnError(code, e.getMessage());
  }

  private RuntimeException retryOrIncident(ActivatedJob job, long recordId, long startedNanos, String message, Exception e) {
    int retriesLeft = Math.max(0, job.getRetries() - 1);
    record(recordId, retriesLeft == 0 ? "FAILED" : "RETRYING", startedNanos, message);
    if (retriesLeft == 0) {
      LOG.error("{} failed, no retries left: {}", job.getType(), message, e);
    } else {
      LOG.warn("{} failed, {} retries left: {}", job.getType(), retriesLeft, message);
    }
    return CamundaError.jobError(message, null, retriesLeft, RETRY_BACKOFF, e);
  }

  /** Best effort: when the database itself is what failed, the incident still carries the message. */
  private void record(long recordId, String status, long startedNanos, String message) {
    if (recordId < 0) {
      return;
    }
    try {
      stages.end(recordId, status, elapsedMs(startedNanos), message, null);
    } catch (DataAccessException e) {
      LOG.warn("could not record stage status {}: {}", status, rootMessage(e));
    }
  }

  private String toJson(Map<String, Object> details) throws JsonProcessingException {
    return details == null || details.isEmpty() ? null : json.writeValueAsString(details);
  }

  private static long elapsedMs(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
