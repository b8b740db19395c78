package io.flep.workers.aggregation;

import io.flep.exchange.Sha256;
import io.flep.workers.audit.AuditEvent;
import io.flep.workers.audit.AuditEventType;
import io.flep.workers.audit.AuditLog;
import io.flep.workers.audit.AuditRef;
import io.flep.workers.failure.AggregationRefusedException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The analyst's side of "one contribution per key and round": before it signs an update it records the ciphertext in
 * its own store, in a transaction of its own that commits at once, whatever happens to the task afterwards. Asked
 * again for the same key and round (a retried task, or anyone asking twice), it gets back that same ciphertext — so
 * no two different updates of one round, which could be compared or averaged, ever carry its signature. Each answer
 * is recorded in the analyst's audit chain ({@code CONTRIBUTION_SIGNED}) before it is returned to be signed.
 */
@Repository
public class ContributionLedger {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private final AuditLog audit;

  public ContributionLedger(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * The ciphertext this analyst contributes for the key and round: {@code candidate} when it is the first, else the
   * one recorded before.
   *
   * @param localModel the local model the update comes from: it is contributed in one round only
   * @throws AggregationRefusedException if this local model was already contributed under this key in another round
   */
  public byte[] contribution(String heKey, int round, String analyst, UUID localModel, byte[] candidate) {
    boolean[] first = new boolean[1];
    byte[] recorded = ownTransaction.execute(status -> {
      List<Integer> earlier = jdbc.queryForList("select round from signed_contribution where he_key = ? and analyst = ?"
          + " and local_model = ? and round <> ?", Integer.class, heKey, analyst, localModel, round);
      if (!earlier.isEmpty()) {
        throw new AggregationRefusedException("analyst '" + analyst + "' already contributed its local model "
            + localModel + " in round " + earlier.get(0) + " under this key; it does not sign it again for round "
            + round);
      }
      first[0] = jdbc.update("insert into signed_contribution (he_key, round, analyst, local_model, ciphertext)"
          + " values (?, ?, ?, ?, ?) on conflict do nothing", heKey, round, analyst, localModel, candidate) == 1;
      List<byte[]> rows = jdbc.queryForList("select ciphertext from signed_contribution where he_key = ?"
          + " and round = ? and analyst = ?", byte[].class, heKey, round, analyst);
      return rows.get(0);
    });
    String digest = Sha256.hex(recorded);
    audit.record(analyst, AuditEvent.of(AuditEventType.CONTRIBUTION_SIGNED, audit.actingRun(), "round " + round
        + ": " + (first[0] ? "its update" : "the update it recorded before, again,") + " to be signed for HE key "
        + heKey, AuditRef.contribution(heKey, round, analyst, digest), AuditRef.digest("he-public-key", heKey)));
    return recorded;
  }
}
