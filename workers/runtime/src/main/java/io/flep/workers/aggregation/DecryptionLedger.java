package io.flep.workers.aggregation;

import io.flep.workers.failure.AggregationRefusedException;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Enforces "at most one decryption per key and round" in the private database. */
@Repository
public class DecryptionLedger {
  private final JdbcTemplate jdbc;

  public DecryptionLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records that {@code party} decrypts the aggregate with this digest in this round. Claiming the same aggregate
   * again (a retried task) is allowed: it reveals nothing new.
   *
   * @throws AggregationRefusedException if a different aggregate of this key was already decrypted this round
   */
  public void claim(UUID keyId, int round, String aggregateSha256, String party, int contributors) {
    int inserted = jdbc.update("insert into aggregate_decryption (key_id, round, aggregate_sha256, decrypted_by,"
        + " contributors) values (?, ?, ?, ?, ?) on conflict do nothing",
        keyId, round, aggregateSha256, party, contributors);
    if (inserted == 1) {
      return;
    }
    String earlier = jdbc.queryForObject("select aggregate_sha256 || ' by ' || decrypted_by || ' at ' || decrypted_at"
        + " from aggregate_decryption where key_id = ? and round = ?", String.class, keyId, round);
    String earlierSha = earlier.substring(0, 64);
    if (!earlierSha.equals(aggregateSha256)) {
      throw new AggregationRefusedException("round " + round + " was already decrypted (aggregate " + earlier
          + "); a second decryption in the same round is refused, as the difference of two aggregates could"
          + " single out one analyst's update");
    }
  }
}
