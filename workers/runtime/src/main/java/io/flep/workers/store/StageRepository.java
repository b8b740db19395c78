package io.flep.workers.store;

import java.util.List;
import java.util.Map;
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

  /**
   * How a job's execution is recorded: a new record, the RUNNING record of the same job left behind
   * by a process that died (taken over), or the result of the same job that already completed (its
   * completion never reached the engine; answer with it instead of running the work again).
   */
  public record Start(long id, String completedResultJson) {
    public boolean alreadyCompleted() {
      return completedResultJson != null;
    }
  }

  public Start start(UUID runId, String stage, String taskType, Integer round, String actor, long jobKey) {
    List<Map<String, Object>> earlier = jdbc.queryForList(
        "select id, status, result_variables::text as result from stage_result where job_key = ? and status in"
            + " ('RUNNING', 'COMPLETED') order by id desc limit 1",
        jobKey);
    if (!earlier.isEmpty()) {
      long id = ((Number) earlier.get(0).get("id")).longValue();
      if ("COMPLETED".equals(earlier.get(0).get("status")) && earlier.get(0).get("result") != null) {
        return new Start(id, (String) earlier.get(0).get("result"));
      }
      if ("RUNNING".equals(earlier.get(0).get("status"))) {
        jdbc.update("update stage_result set started_at = now() where id = ?", id);
        return new Start(id, null);
      }
    }
    return new Start(jdbc.queryForObject(
        "insert into stage_result (run_id, stage, task_type, round, actor, status, job_key)"
            + " values (?, ?, ?, ?, ?, 'RUNNING', ?) returning id",
        Long.class, runId, stage, taskType, round, actor, jobKey), null);
  }

  public void end(long id, String status, long ms, String message, String detailsJson) {
    jdbc.update(
        "update stage_result set status = ?, ms = ?, message = ?, details = cast(? as jsonb), finished_at = now()"
            + " where id = ?",
        status, ms, message, detailsJson, id);
  }

  /** Completes a record with the job's result, so that a re-delivered job can be answered from it. */
  public void completed(long id, long ms, String detailsJson, String resultJson) {
    jdbc.update(
        "update stage_result set status = 'COMPLETED', ms = ?, details = cast(? as jsonb),"
            + " result_variables = cast(? as jsonb), finished_at = now() where id = ?",
        ms, detailsJson, resultJson, id);
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
