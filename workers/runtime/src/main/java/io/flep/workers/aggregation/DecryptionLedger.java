package io.flep.workers.aggregation;

import io.flep.workers.audit.AuditEvent;
import io.flep.workers.audit.AuditEventType;
import io.flep.workers.audit.AuditLog;
import io.flep.workers.audit.AuditRef;
import io.flep.workers.failure.AggregationRefusedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Enforces "at most one decryption per key and round" in the decrypting party's own store; each claim granted is
 * recorded in the party's audit chain ({@code DECRYPTION}) before the decryption it allows.
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
   * @throws AggregationRefusedException if a different aggregate of this key was already decrypted this round
   */
  public void claim(String heKey, int round, String aggregateSha256, String party, int contributors) {
    int inserted = jdbc.update("insert into decryption_claim (he_key, round, aggregate_sha256, decrypted_by,"
        + " contributors) values (?, ?, ?, ?, ?) on conflict do nothing",
        heKey, round, aggregateSha256, party, contributors);
    if (inserted == 1) {
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
