package io.flep.workers.task;

import io.flep.workers.audit.AuditAnchors;
import io.flep.workers.audit.AuditLog;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.party.Statements;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Each task a party finishes (completed, rejected, failed for good) is also stated in the exchange
 * ({@value #KIND}), signed by the party: what the run report's stage lines are made of, wherever the parties run.
 * Details a party keeps to itself (the norm of an analyst's update before clipping says something about the update)
 * stay in its own store only. Each statement also carries the party's audit chain head ({@link AuditAnchors#FIELD}:
 * seq and entry hash), which anchors the chain in the exchange.
 */
@Component
public class StageStatements {
  public static final String KIND = AuditAnchors.STATEMENT_KIND;
  /** Details that describe private data: recorded in the party's store, never stated. */
  static final Set<String> PRIVATE_DETAILS = Set.of("dpUpdateNorm", "dpClipped", "clippedValuesInProcess");
  private static final Logger LOG = LoggerFactory.getLogger(StageStatements.class);

  private final Statements statements;
  private final PartyIdentities identities;
  private final AuditLog audit;

  public StageStatements(Statements statements, PartyIdentities identities, AuditLog audit) {
    this.statements = statements;
    this.identities = identities;
    this.audit = audit;
  }

  /** States a finished task; a failure to publish is logged, not thrown: the task's work is done and recorded. */
  public void state(UUID runId, String taskType, Stage stage, Integer round, String actor, String status, long ms,
      String message, Map<String, Object> details) {
    try {
      Map<String, Object> fact = new LinkedHashMap<>();
      fact.put("taskType", taskType);
      fact.put("stage", stage.reportName());
      fact.put("round", round);
      fact.put("actor", actor);
      fact.put("status", status);
      fact.put("ms", ms);
      fact.put("message", message);
      fact.put("finishedAt", System.currentTimeMillis());
      if (details != null) {
        Map<String, Object> shown = new LinkedHashMap<>(details);
        shown.keySet().removeAll(PRIVATE_DETAILS);
        fact.put("details", shown);
      }
      anchor(actor, fact);
      statements.publish(identities.of(actor, roleOf(taskType)), runId, KIND,
          round == null ? Map.of("taskType", taskType) : Map.of("taskType", taskType, "round", round.toString()),
          fact);
    } catch (RuntimeException e) {
      LOG.warn("could not state {} of run {} in the exchange: {}", taskType, runId, e.toString());
    }
  }

  /** Adds the actor's audit chain head; without it (the store is down) the statement still goes out. */
  private void anchor(String actor, Map<String, Object> fact) {
    try {
      audit.head(actor).ifPresent(head -> fact.put(AuditAnchors.FIELD,
          Map.of("seq", head.seq(), "entryHash", head.entryHash())));
    } catch (RuntimeException e) {
      LOG.warn("could not read the audit chain head of '{}' to state it: {}", actor, e.toString());
    }
  }

  /** The role a job type belongs to: {@code flep.<role>.<task>}. */
  static String roleOf(String taskType) {
    String[] parts = taskType.split("\\.");
    return parts.length >= 3 ? parts[1] : "unknown";
  }
}
