package io.flep.workers.store;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** A party's own model records (an analyst's local models) and the rounds the IIoT services published. */
@Repository
public class ModelRepository {
  private final JdbcTemplate jdbc;

  public ModelRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A published round. {@code maxAbsDiff} and {@code plaintextAccuracy} (the accuracy of plain FedAvg of the same
   * local models) are evaluation-mode checks, null in a deployment.
   */
  public record RoundRow(int round, String path, double accuracy, int contributors, Double maxAbsDiff,
      Double plaintextAccuracy) {}

  public UUID record(UUID runId, int round, String kind, String owner, UUID artifactId) {
    UUID id = UUID.randomUUID();
    jdbc.update(
        "insert into model (id, run_id, round, kind, owner, artifact_id) values (?, ?, ?, ?, ?, ?)",
        id, runId, round, kind, owner, artifactId);
    return id;
  }

  /**
   * Deletes {@code owner}'s models of this kind, and their artifacts, recorded longer than {@code retention} ago —
   * but not those of round {@code keepRound} of run {@code keepRun}, which the round still needs.
   *
   * @return how many were deleted
   */
  public int deleteOlderThan(String kind, String owner, java.time.Duration retention, UUID keepRun, int keepRound) {
    java.sql.Timestamp cutoff = java.sql.Timestamp.from(java.time.Instant.now().minus(retention));
    List<UUID> artifacts = jdbc.queryForList("delete from model where kind = ? and owner = ? and created_at < ?"
        + " and not (run_id = ? and round = ?) returning artifact_id", UUID.class, kind, owner, cutoff, keepRun,
        keepRound);
    for (UUID artifact : artifacts) {
      jdbc.update("delete from artifact where id = ?", artifact);
    }
    return artifacts.size();
  }

  public void recordRound(UUID runId, RoundRow row, UUID globalModelId) {
    jdbc.update(
        "insert into round_result (run_id, round, path, accuracy, contributors, max_abs_diff_vs_plaintext_fedavg,"
            + " global_model_id, plaintext_accuracy) values (?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (run_id, round) do update set path = excluded.path, accuracy = excluded.accuracy,"
            + " contributors = excluded.contributors,"
            + " max_abs_diff_vs_plaintext_fedavg = excluded.max_abs_diff_vs_plaintext_fedavg,"
            + " global_model_id = excluded.global_model_id, plaintext_accuracy = excluded.plaintext_accuracy",
        runId, row.round(), row.path(), row.accuracy(), row.contributors(), row.maxAbsDiff(), globalModelId,
        row.plaintextAccuracy());
  }

  public List<RoundRow> rounds(UUID runId) {
    return jdbc.query(
        "select round, path, accuracy, contributors, max_abs_diff_vs_plaintext_fedavg, plaintext_accuracy"
            + " from round_result where run_id = ? order by round",
        (rs, n) -> new RoundRow(rs.getInt("round"), rs.getString("path"), rs.getDouble("accuracy"),
            rs.getInt("contributors"), rs.getObject("max_abs_diff_vs_plaintext_fedavg", Double.class),
            rs.getObject("plaintext_accuracy", Double.class)),
        runId);
  }
}
