package io.flep.workers.store;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Every execution of a lifecycle task: which stage, who ran it, how long, how it ended. */
@Repository
public class StageRepository {
  private final JdbcTemplate jdbc;

  public StageRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A task execution as stored. */
  public record StageRow(
      long id, String stage, String taskType, Integer round, String actor, String status, Long ms, String message,
      String detailsJson) {}

  public long start(UUID runId, String stage, String taskType, Integer round, String actor) {
    return jdbc.queryForObject(
        "insert into stage_result (run_id, stage, task_type, round, actor, status) values (?, ?, ?, ?, ?, 'RUNNING')"
            + " returning id",
        Long.class, runId, stage, taskType, round, actor);
  }

  public void end(long id, String status, long ms, String message, String detailsJson) {
    jdbc.update(
        "update stage_result set status = ?, ms = ?, message = ?, details = cast(? as jsonb), finished_at = now()"
            + " where id = ?",
        status, ms, message, detailsJson, id);
  }

  public List<StageRow> forRun(UUID runId) {
    return jdbc.query(
        "select id, stage, task_type, round, actor, status, ms, message, details from stage_result"
            + " where run_id = ? order by id",
        (rs, n) -> {
          int round = rs.getInt("round");
          Integer r = rs.wasNull() ? null : round;
          long ms = rs.getLong("ms");
          Long m = rs.wasNull() ? null : ms;
          return new StageRow(
              rs.getLong("id"), rs.getString("stage"), rs.getString("task_type"), r, rs.getString("actor"),
              rs.getString("status"), m, rs.getString("message"), rs.getString("details"));
        },
        runId);
  }
}
