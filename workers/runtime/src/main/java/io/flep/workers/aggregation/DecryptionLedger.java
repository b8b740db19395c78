package io.flep.workers.aggregation;

import io.flep.workers.audit.AuditEvent;
import io.flep.workers.audit.AuditEventType;
import io.flep.workers.audit.AuditLog;
import io.flep.workers.audit.AuditRef;
import io.flep.workers.failure.AggregationRefusedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enforces, in the decrypting party's own store, "at most one decryption per key and round" and "a contribution is
 * decrypted in one round only"; each claim granted is recorded in the party's audit chain ({@code DECRYPTION}) before
 * the decryption it allows.
 *
 * <p>Both hold under concurrency: a claim writes its round and its contributions in one transaction (the task's, or
 * one of its own), and each insert that meets a row of another claim — committed, or committed while the insert
 * waited for it — is seen by its count of inserted rows and refused, never passed over.
 */
@Repository
public class DecryptionLedger {
  private final JdbcTemplate jdbc;
  private final AuditLog audit;
  private final TransactionTemplate transaction;

  public DecryptionLedger(JdbcTemplate jdbc, AuditLog audit, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.transaction = new TransactionTemplate(transactions); // REQUIRED: joins the task's transaction
  }

  /**
   * Records that {@code party} decrypts the aggregate with this digest in this round under the key whose public
   * object has address {@code heKey}. Claiming the same aggregate again (a retried task) is allowed: it reveals
   * nothing new. Runs in the caller's transaction when there is one (a refusal then rolls it back), else in one of
   * its own.
   *
   * @param contributions each contributing analyst and the SHA-256 of its update's ciphertext
   * @throws AggregationRefusedException if a different aggregate of this key was already decrypted this round, or a
   *     contribution was already decrypted in another round (also by a claim running concurrently)
   */
  public void claim(String heKey, int round, String aggregateSha256, String party, Map<String, String> contributions) {
    transaction.executeWithoutResult(status -> claimInTransaction(heKey, round, aggregateSha256, party,
        contributions));
  }

  private void claimInTransaction(String heKey, int round, String aggregateSha256, String party,
      Map<String, String> contributions) {
    for (Map.Entry<String, String> c : contributions.entrySet()) {
      List<Integer> earlier = jdbc.queryForList("select round from decrypted_contribution where he_key = ?"
          + " and decrypted_by = ? and ciphertext_sha256 = ? and round <> ?", Integer.class, heKey, party,
          c.getValue(), round);
      if (!earlier.isEmpty()) {
        throw reusedContribution(c.getKey(), c.getValue(), round, earlier.get(0));
      }
    }
    int contributors = contributions.size();
    // a concurrent claim of this round waits here for the first and then inserts nothing
    int inserted = jdbc.update("insert into decryption_claim (he_key, round, aggregate_sha256, decrypted_by,"
        + " contributors) values (?, ?, ?, ?, ?) on conflict (he_key, round, decrypted_by) do nothing",
        heKey, round, aggregateSha256, party, contributors);
    if (inserted == 1) {
      // in digest order, so that two claims sharing contributions wait for each other instead of deadlocking
      List<Map.Entry<String, String>> byDigest = new ArrayList<>(contributions.entrySet());
      byDigest.sort(Map.Entry.comparingByValue());
      for (Map.Entry<String, String> c : byDigest) {
        List<Integer> added = jdbc.queryForList("insert into decrypted_contribution (he_key, decrypted_by,"
            + " ciphertext_sha256, round, analyst) values (?, ?, ?, ?, ?)"
            + " on conflict (he_key, decrypted_by, ciphertext_sha256) do nothing returning round",
            Integer.class, heKey, party, c.getValue(), round, c.getKey());
        if (added.isEmpty()) {
          // a claim of another round, which passed the check above at the same time as this one, took it first
          int taken = jdbc.queryForObject("select round from decrypted_contribution where he_key = ?"
              + " and decrypted_by = ? and ciphertext_sha256 = ?", Integer.class, heKey, party, c.getValue());
          if (taken != round) {
            throw reusedContribution(c.getKey(), c.getValue(), round, taken);
          }
          // the same ciphertext twice in this aggregate: recorded once, as before
        }
      }
      recordDecryption(heKey, round, aggregateSha256, party, contributors, "");
      return;
    }
    String earlier = jdbc.queryForObject("select aggregate_sha256 || ' by ' || decrypted_by || ' at ' || decrypted_at"
        + " from decryption_claim where he_key = ? and round = ? and decrypted_by = ?", String.class, heKey, round,
        party);
    if (!earlier.substring(0, 64).equals(aggregateSha256)) {
      throw new AggregationRefusedException("round " + round + " was already decrypted (aggregate " + earlier
          + "); a second decryption in the same round is refused, as the difference of two aggregates could"
          + " single out one analyst's update");
    }
    recordDecryption(heKey, round, aggregateSha256, party, contributors, ", again (the same aggregate)");
  }

  private static AggregationRefusedException reusedContribution(String analyst, String digest, int round,
      int earlierRound) {
    return new AggregationRefusedException("the contribution of analyst '" + analyst + "' in round " + round
        + " (ciphertext " + digest + ") was already decrypted in round " + earlierRound + "; an aggregate that"
        + " re-uses it is refused, as two aggregates sharing it could single out another update");
  }

  private void recordDecryption(String heKey, int round, String aggregateSha256, String party, int contributors,
      String again) {
    audit.record(party, AuditEvent.of(AuditEventType.DECRYPTION, audit.actingRun(), "round " + round
        + ": decryption (whole or partial) of the aggregate of " + contributors + " signed updates under HE key "
        + heKey + again,
        AuditRef.digest("aggregate", aggregateSha256), AuditRef.digest("he-public-key", heKey)));
  }
}
