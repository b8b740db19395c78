package io.flep.workers.aggregation;

import io.flep.exchange.Sha256;
import io.flep.workers.audit.AuditEvent;
import io.flep.workers.audit.AuditEventType;
import io.flep.workers.audit.AuditLog;
import io.flep.workers.audit.AuditRef;
import io.flep.workers.failure.AggregationRefusedException;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
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
  /** The unique index on (he_key, analyst, local_model) of signed contributions (V10). */
  static final String LOCAL_MODEL_ONCE = "signed_contribution_local_model_once";

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
   * <p>"One local model in one round" holds under concurrency too: besides the check here, the store's unique index
   * {@value #LOCAL_MODEL_ONCE} (V10) makes a concurrent insert of the same local model for another round wait for the
   * first and fail once it commits; that failure is the same refusal.
   *
   * @param localModel the local model the update comes from: it is contributed in one round only
   * @throws AggregationRefusedException if this local model was already contributed under this key in another round
   */
  public byte[] contribution(String heKey, int round, String analyst, UUID localModel, byte[] candidate) {
    boolean[] first = new boolean[1];
    byte[] recorded;
    try {
      recorded = ownTransaction.execute(status -> {
        List<Integer> earlier = earlierRounds(heKey, round, analyst, localModel);
        if (!earlier.isEmpty()) {
          throw reused(analyst, localModel, earlier.get(0), round);
        }
        // only a conflict on the primary key (the same key, round and analyst: a retried task) is no error; one on
        // the local-model index fails the insert
        first[0] = jdbc.update("insert into signed_contribution (he_key, round, analyst, local_model, ciphertext)"
            + " values (?, ?, ?, ?, ?) on conflict (he_key, round, analyst) do nothing", heKey, round, analyst,
            localModel, candidate) == 1;
        List<byte[]> rows = jdbc.queryForList("select ciphertext from signed_contribution where he_key = ?"
            + " and round = ? and analyst = ?", byte[].class, heKey, round, analyst);
        return rows.get(0);
      });
    } catch (DuplicateKeyException e) {
      if (!String.valueOf(e.getMessage()).contains(LOCAL_MODEL_ONCE)) {
        throw e;
      }
      // a concurrent request signed this local model for another round and committed first
      List<Integer> earlier = earlierRounds(heKey, round, analyst, localModel);
      AggregationRefusedException refused = reused(analyst, localModel, earlier.isEmpty() ? null : earlier.get(0),
          round);
      refused.initCause(e);
      throw refused;
    }
    String digest = Sha256.hex(recorded);
    audit.record(analyst, AuditEvent.of(AuditEventType.CONTRIBUTION_SIGNED, audit.actingRun(), "round " + round
        + ": " + (first[0] ? "its update" : "the update it recorded before, again,") + " to be signed for HE key "
        + heKey, AuditRef.contribution(heKey, round, analyst, digest), AuditRef.digest("he-public-key", heKey)));
    return recorded;
  }

  private List<Integer> earlierRounds(String heKey, int round, String analyst, UUID localModel) {
    return jdbc.queryForList("select round from signed_contribution where he_key = ? and analyst = ?"
        + " and local_model = ? and round <> ? order by round", Integer.class, heKey, analyst, localModel, round);
  }

  private static AggregationRefusedException reused(String analyst, UUID localModel, Integer earlierRound,
      int round) {
    return new AggregationRefusedException("analyst '" + analyst + "' already contributed its local model "
        + localModel + (earlierRound == null ? " in another round" : " in round " + earlierRound) + " under this key;"
        + " it does not sign it again for round " + round);
  }
}
