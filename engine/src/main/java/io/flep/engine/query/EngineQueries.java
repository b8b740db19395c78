package io.flep.engine.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Read-only views of the engine's stored state, for monitoring and tests. Reads committed data
 * only: what a client was told has happened is visible here.
 */
public final class EngineQueries {
  private final DataSource dataSource;
  private final String schema;

  public EngineQueries(DataSource dataSource, String schema) {
    this.dataSource = dataSource;
    this.schema = schema;
  }

  /** A process instance. {@code state} is ACTIVE, COMPLETED or TERMINATED. */
  public record ProcessInstanceView(
      long key, long processDefinitionKey, String bpmnProcessId, int version, String state,
      long startDate, Long endDate, Long parentProcessInstanceKey, Long parentElementInstanceKey) {}

  /** An element instance; {@code state} is ACTIVE, COMPLETED or TERMINATED. */
  public record ElementInstanceView(
      long key, long processInstanceKey, long flowScopeKey, String elementId, String type, String state,
      long startDate, Long endDate) {}

  public record IncidentView(
      long key, long processInstanceKey, long elementInstanceKey, String elementId, long jobKey,
      String errorType, String errorMessage, String state, long createdAt) {}

  public record JobView(
      long key, String type, String state, int retries, String kind, String listenerEventType,
      long elementInstanceKey, long processInstanceKey, String elementId, String errorMessage) {}

  public record VariableView(long key, long scopeKey, long processInstanceKey, String name, String value) {}

  public Optional<ProcessInstanceView> processInstance(long key) {
    List<ProcessInstanceView> found =
        query(
            "select process_instance_key, process_definition_key, bpmn_process_id, version, state, start_date,"
                + " end_date, parent_process_instance_key, parent_element_instance_key from "
                + table("process_instance") + " where process_instance_key = ?",
            r -> new ProcessInstanceView(
                r.getLong(1), r.getLong(2), r.getString(3), r.getInt(4), publicState(r.getString(5)),
                r.getTimestamp(6).getTime(), time(r.getTimestamp(7)), nullableLong(r, 8), nullableLong(r, 9)),
            key);
    return found.stream().findFirst();
  }

  /** Element instances of a process instance (not the process itself), oldest first. */
  public List<ElementInstanceView> elementInstances(long processInstanceKey) {
    return query(
        "select element_instance_key, process_instance_key, flow_scope_key, element_id, element_type, state,"
            + " start_date, end_date from " + table("element_instance")
            + " where process_instance_key = ? order by element_instance_key",
        r -> new ElementInstanceView(
            r.getLong(1), r.getLong(2), r.getLong(3), r.getString(4), r.getString(5), publicState(r.getString(6)),
            r.getTimestamp(7).getTime(), time(r.getTimestamp(8))),
        processInstanceKey);
  }

  public List<IncidentView> incidents(long processInstanceKey) {
    return query(
        "select incident_key, process_instance_key, element_instance_key, element_id, job_key, error_type,"
            + " error_message, state, created_at from " + table("incident")
            + " where process_instance_key = ? order by incident_key",
        r -> new IncidentView(
            r.getLong(1), r.getLong(2), r.getLong(3), r.getString(4), r.getLong(5), r.getString(6),
            r.getString(7), r.getString(8), r.getTimestamp(9).getTime()),
        processInstanceKey);
  }

  public List<JobView> jobs(long processInstanceKey) {
    return query(
        "select job_key, type, state, retries, kind, listener_event_type, element_instance_key,"
            + " process_instance_key, element_id, error_message from " + table("job")
            + " where process_instance_key = ? order by job_key",
        r -> new JobView(
            r.getLong(1), r.getString(2), r.getString(3), r.getInt(4), r.getString(5), r.getString(6),
            r.getLong(7), r.getLong(8), r.getString(9), r.getString(10)),
        processInstanceKey);
  }

  public List<VariableView> variables(long processInstanceKey) {
    return query(
        "select variable_key, scope_key, process_instance_key, name, value from " + table("variable")
            + " where process_instance_key = ? order by variable_key",
        r -> new VariableView(r.getLong(1), r.getLong(2), r.getLong(3), r.getString(4), r.getString(5)),
        processInstanceKey);
  }

  /** Process instances whose root scope has variable {@code name} with this JSON value. */
  public List<Long> processInstancesWithVariable(String name, String jsonValue) {
    return query(
        "select v.process_instance_key from " + table("variable") + " v where v.scope_key = v.process_instance_key"
            + " and v.name = ? and v.value = ? order by v.process_instance_key",
        r -> r.getLong(1),
        name, jsonValue);
  }

  /** Instances of a process (every version), oldest first. */
  public List<Long> processInstancesOf(String bpmnProcessId) {
    return query(
        "select process_instance_key from " + table("process_instance")
            + " where bpmn_process_id = ? order by process_instance_key",
        r -> r.getLong(1),
        bpmnProcessId);
  }

  /** Sequence flows taken at least once in the instance. */
  public List<String> takenFlows(long processInstanceKey) {
    return query(
        "select flow_id from " + table("taken_flow") + " where process_instance_key = ? order by flow_id",
        r -> r.getString(1),
        processInstanceKey);
  }

  private String table(String name) {
    return schema + "." + name;
  }

  private static String publicState(String state) {
    return switch (state) {
      case "COMPLETED", "TERMINATED" -> state;
      default -> "ACTIVE";
    };
  }

  private static Long time(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.getTime();
  }

  private static Long nullableLong(ResultSet r, int index) throws SQLException {
    long value = r.getLong(index);
    return r.wasNull() ? null : value;
  }

  @FunctionalInterface
  private interface Row<T> {
    T read(ResultSet r) throws SQLException;
  }

  private <T> List<T> query(String sql, Row<T> row, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (r.next()) {
          result.add(row.read(r));
        }
        return result;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("engine query failed: " + e.getMessage(), e);
    }
  }
}
