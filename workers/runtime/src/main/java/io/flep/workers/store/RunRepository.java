package io.flep.workers.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** One row per lifecycle run: its parameters, process instance and final status. */
@Repository
public class RunRepository {
  private final JdbcTemplate jdbc;

  public RunRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A run as stored. */
  public record RunRow(
      UUID id, Instant createdAt, Instant finishedAt, String status, String outcome, String failure,
      String engineMode, Long processInstanceKey, String parametersJson) {}

  public void create(UUID id, String engineMode, String parametersJson) {
    jdbc.update(
        "insert into run (id, status, engine_mode, parameters) values (?, 'RUNNING', ?, cast(? as jsonb))",
        id, engineMode, parametersJson);
  }

  public void attachProcessInstance(UUID id, long processInstanceKey) {
    jdbc.update("update run set process_instance_key = ? where id = ?", processInstanceKey, id);
  }

  /** Sets the final status once; later calls for a finished run change nothing. */
  public boolean finish(UUID id, String status, String outcome, String failure) {
    return jdbc.update(
            "update run set status = ?, outcome = ?, failure = ?, finished_at = now()"
                + " where id = ? and status = 'RUNNING'",
            status, outcome, failure, id)
        == 1;
  }

  public Optional<RunRow> find(UUID id) {
    return jdbc.query("select * from run where id = ?", (rs, n) -> map(rs), id).stream().findFirst();
  }

  /** Runs not finished yet (status RUNNING), oldest first. */
  public List<RunRow> unfinished() {
    return jdbc.query("select * from run where status = 'RUNNING' order by created_at", (rs, n) -> map(rs));
  }

  public List<RunRow> recent(int limit) {
    return jdbc.query("select * from run order by created_at desc limit ?", (rs, n) -> map(rs), limit);
  }

  private static RunRow map(java.sql.ResultSet rs) throws java.sql.SQLException {
    Timestamp finished = rs.getTimestamp("finished_at");
    return new RunRow(
        rs.getObject("id", UUID.class),
        rs.getTimestamp("created_at").toInstant(),
        finished == null ? null : finished.toInstant(),
        rs.getString("status"),
        rs.getString("outcome"),
        rs.getString("failure"),
        rs.getString("engine_mode"),
        rs.getObject("process_instance_key", Long.class),
        rs.getString("parameters"));
  }
}
