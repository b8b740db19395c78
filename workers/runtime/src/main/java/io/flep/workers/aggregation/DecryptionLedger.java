package io.flep.workers.aggregation;

import io.flep.workers.audit.AuditEvent;
import io.flep.workers.audit.AuditEventType;
import io.flep.workers.audit.AuditLog;
import io.flep.workers.audit.AuditRef;
import io.flep.workers.failure.AggregationRefusedException;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Enforces, in the decrypting party's own store, "at most one decryption per key and round" and "a contribution is
 * decrypted in one round only"; each claim granted is recorded in the party's audit chain ({@code DECRYPTION}) before
 * the decryption it allows.
 */
@Repository
public class DecryptionLedger {
  private final JdbcTemplate jdbc;
  private final AuditLog audit;

  public DecryptionLedger(JdbcTemplate jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /**
   * Records that {@code party} decrypts the aggregate with this digest in this round under the key whose public
   * object has address {@code heKey}. Claiming the same aggregate again (a retried task) is allowed: it reveals
   * nothing new.
   *
   * @param contributions each contributing analyst and the SHA-256 of its update's ciphertext
   * @throws AggregationRefusedException if a different aggregate of this key was already decrypted this round, or a
   *     contribution was already decrypted in another round
   */
  public void claim(String heKey, int round, String aggregateSha256, String party, Map<String, String> contributions) {
    for (Map.Entry<String, String> c : contributions.entrySet()) {
      List<Integer> earlier = jdbc.queryForList("select round from decrypted_contribution where he_key = ?"
          + " and decrypted_by = ? and ciphertext_sha256 = ? and round <> ?", Integer.class, heKey, party,
          c.getValue(), round);
      if (!earlier.isEmpty()) {
        throw new AggregationRefusedException("the contribution of analyst '" + c.getKey() + "' in round " + round
            + " (ciphertext " + c.getValue() + ") was already decrypted in round " + earlier.get(0) + "; an aggregate"
            + " that re-uses it is refused, as two aggregates sharing it could single out another update");
      }
    }
    int contributors = contributions.size();
    int inserted = jdbc.update("insert into decryption_claim (he_key, round, aggregate_sha256, decrypted_by,"
        + " contributors) values (?, ?, ?, ?, ?) on conflict do nothing",
        heKey, round, aggregateSha256, party, contributors);
    if (inserted == 1) {
      contributions.forEach((analyst, digest) -> jdbc.update("insert into decrypted_contribution (he_key,"
          + " decrypted_by, ciphertext_sha256, round, analyst) values (?, ?, ?, ?, ?) on conflict do nothing",
          heKey, party, digest, round, analyst));
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

  private void recordDecryption(String heKey, int round, String aggregateSha256, String party, int contributors,
      String again) {
    audit.record(party, AuditEvent.of(AuditEventType.DECRYPTION, audit.actingRun(), "round " + round
        + ": decryption (whole or partial) of the aggregate of " + contributors + " signed updates under HE key "
        + heKey + again,
        AuditRef.digest("aggregate", aggregateSha256), AuditRef.digest("he-public-key", heKey)));
  }
}
