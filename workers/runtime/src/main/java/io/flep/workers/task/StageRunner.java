package io.flep.workers.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.flep.plugin.api.param.InvalidPluginOptionException;
import io.flep.plugin.host.UnknownPluginException;
import io.flep.workers.audit.AuditLog;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

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
 * <p>Each job is recorded once and its work lands in the private database once: everything the task writes
 * there commits in one transaction with its COMPLETED record and result, so a worker that dies mid-task leaves
 * only its RUNNING record behind. The job, delivered again, takes over that record and runs the work from
 * scratch; a job whose work committed but whose completion never reached the engine is answered from the
 * recorded result without running the work again.
 *
 * <p>While the body runs, the thread acts for the task's actor ({@link AuditLog#actingAs}), so what it does is
 * recorded in that party's audit chain; a business-rule refusal is recorded there too ({@code REFUSED}), in a
 * transaction of its own that the task's rollback does not undo.
 */
@Component
public class StageRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(2);
  private static final TypeReference<Map<String, Object>> RESULT = new TypeReference<>() {};

  private final StageRepository stages;
  private final ObjectMapper json;
  private final PlatformTransactionManager transactions;
  private final StageStatements statements;
  private final AuditLog audit;

  public StageRunner(StageRepository stages, ObjectMapper json, PlatformTransactionManager transactions,
      StageStatements statements, AuditLog audit) {
    this.audit = audit;
    this.stages = stages;
    this.json = json;
    this.transactions = transactions;
    this.statements = statements;
  }

  public Map<String, Object> run(ActivatedJob job, Stage stage, String actor, TaskBody body) {
    JobVariables vars = new JobVariables(job);
    UUID runId = vars.runId();
    try (AuditLog.Scope acting = audit.actingAs(actor, runId)) {
      return runAs(job, stage, actor, body, vars, runId);
    }
  }

  private Map<String, Object> runAs(ActivatedJob job, Stage stage, String actor, TaskBody body, JobVariables vars,
      UUID runId) {
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
    Finished finished = (status, message, details) -> statements.state(runId, job.getType(), stage,
        vars.roundOrNull(), actor, status, elapsedMs(startedNanos), message, details);
    try {
      TaskResult result = executeOnce(body, recordId, startedNanos);
      finished.state("COMPLETED", null, result.details());
      return result.variables();
    } catch (BusinessRuleViolation e) {
      audit.refused(actor, runId, job.getType() + (vars.roundOrNull() == null ? "" : " round " + vars.roundOrNull())
          + ": " + e.bpmnErrorCode() + ": " + e.getMessage());
      finished.state("REJECTED", e.bpmnErrorCode() + ": " + e.getMessage(), null);
      throw businessError(recordId, startedNanos, e.bpmnErrorCode(), e);
    } catch (BadInputException | InvalidPluginOptionException | UnknownPluginException e) {
      String message = stage.reportName() + ": " + e.getMessage();
      finished.state("FAILED", message, null);
      record(recordId, "FAILED", startedNanos, message);
      LOG.error("{} failed: {}", job.getType(), message);
      throw CamundaError.jobError(message, null, 0, Duration.ZERO, e);
    } catch (DataAccessException | TransactionException e) {
      throw stateIfLast(finished, job, retryOrIncident(job, recordId, startedNanos,
          "private database unavailable: " + rootMessage(e), e));
    } catch (Exception e) {
      throw stateIfLast(finished, job, retryOrIncident(job, recordId, startedNanos,
          e.getClass().getSimpleName() + ": " + rootMessage(e), e));
    }
  }

  /**
   * Runs the body and completes its record in one transaction: either all its writes and the COMPLETED record
   * commit, or none of them (a failure rolls them back before it is recorded; a killed process never commits).
   */
  private TaskResult executeOnce(TaskBody body, long recordId, long startedNanos) throws Exception {
    TransactionStatus transaction = transactions.getTransaction(new DefaultTransactionDefinition());
    try {
      TaskResult result = body.execute();
      stages.completed(recordId, elapsedMs(startedNanos), toJson(result.details()),
          json.writeValueAsString(result.variables()));
      transactions.commit(transaction);
      return result;
    } catch (Exception | Error e) {
      if (!transaction.isCompleted()) {
        try {
          transactions.rollback(transaction);
        } catch (TransactionException rollbackFailed) {
          e.addSuppressed(rollbackFailed); // the database went away: it drops the transaction by itself
        }
      }
      throw e;
    }
  }

  /** States how a task finished, in the exchange. */
  @FunctionalInterface
  private interface Finished {
    void state(String status, String message, Map<String, Object> details);
  }

  private static RuntimeException stateIfLast(Finished finished, ActivatedJob job, RuntimeException failure) {
    if (job.getRetries() <= 1) {
      finished.state("FAILED", failure.getMessage(), null);
    }
    return failure;
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
