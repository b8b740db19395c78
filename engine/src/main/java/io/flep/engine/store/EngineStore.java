package io.flep.engine.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flep.engine.model.BpmnElementType;
import io.flep.engine.state.ChangeSet;
import io.flep.engine.state.DecisionDefinition;
import io.flep.engine.state.DecisionRequirements;
import io.flep.engine.state.ElementInstance;
import io.flep.engine.state.ElementRuntime;
import io.flep.engine.state.ElementState;
import io.flep.engine.state.Incident;
import io.flep.engine.state.Job;
import io.flep.engine.state.JobState;
import io.flep.engine.state.Message;
import io.flep.engine.state.MessageSubscription;
import io.flep.engine.state.ProcessDefinition;
import io.flep.engine.state.Timer;
import io.flep.engine.state.Variable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The engine's durable state in PostgreSQL (its own schema, migrated by Flyway). The processor
 * writes each batch of commands' changes in one transaction ({@link #commit}); on start, {@link
 * #load} reads back everything unfinished.
 */
public final class EngineStore {
  public static final String DEFAULT_SCHEMA = "flep_engine";

  static final ObjectMapper JSON =
      new ObjectMapper()
          .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY)
          .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
          .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final DataSource dataSource;
  private final String schema;
  private Connection writer;

  public EngineStore(DataSource dataSource, String schema) {
    if (!schema.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("engine schema name must be lower-case SQL identifier: " + schema);
    }
    this.dataSource = dataSource;
    this.schema = schema;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public String schema() {
    return schema;
  }

  /** Creates or upgrades the engine's schema. */
  public void migrate() {
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(schema)
        .defaultSchema(schema)
        .table("engine_schema_history")
        .locations("classpath:io/flep/engine/db")
        .load()
        .migrate();
  }

  /** {@code schema.name}, for SQL. */
  public String table(String name) {
    return schema + "." + name;
  }

  // ---- writing

  /** Writes the change set in one transaction; on failure nothing is written. */
  public void commit(ChangeSet changes) throws SQLException {
    Connection connection = writer();
    try {
      connection.setAutoCommit(false);
      writeDefinitions(connection, changes);
      writeElementInstances(connection, changes.elementInstances.values());
      writeVariables(connection, changes.variables.values());
      writeJobs(connection, changes.jobs.values());
      writeIncidents(connection, changes.incidents.values());
      writeTakenFlows(connection, changes);
      writeTimers(connection, changes.timers.values());
      writeSubscriptions(connection, changes.subscriptions.values());
      writeMessages(connection, changes.messages.values());
      if (changes.nextKey > 0) {
        try (PreparedStatement meta =
            connection.prepareStatement(
                "insert into " + table("engine_meta") + " (id, next_key) values (1, ?) "
                    + "on conflict (id) do update set next_key = excluded.next_key")) {
          meta.setLong(1, changes.nextKey);
          meta.executeUpdate();
        }
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      closeWriter();
      throw e;
    }
  }

  private Connection writer() throws SQLException {
    if (writer == null || writer.isClosed()) {
      writer = dataSource.getConnection();
    }
    return writer;
  }

  private void closeWriter() {
    if (writer != null) {
      try {
        writer.rollback();
      } catch (SQLException ignored) {
        // the connection is discarded anyway
      }
      try {
        writer.close();
      } catch (SQLException ignored) {
        // nothing more to do
      }
      writer = null;
    }
  }

  public void close() {
    closeWriter();
  }

  private void writeDefinitions(Connection c, ChangeSet changes) throws SQLException {
    if (!changes.processDefinitions.isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into " + table("process_definition")
                  + " (process_definition_key, bpmn_process_id, version, resource_name, resource, checksum,"
                  + " deployment_key, deployed_at) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (ProcessDefinition d : changes.processDefinitions) {
          s.setLong(1, d.key());
          s.setString(2, d.bpmnProcessId());
          s.setInt(3, d.version());
          s.setString(4, d.resourceName());
          s.setBytes(5, d.resource());
          s.setString(6, d.checksum());
          s.setLong(7, d.deploymentKey());
          s.setTimestamp(8, new Timestamp(d.deployedAt()));
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    if (!changes.decisionRequirements.isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into " + table("decision_requirements")
                  + " (decision_requirements_key, drg_id, name, version, resource_name, resource, checksum,"
                  + " deployment_key) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (DecisionRequirements d : changes.decisionRequirements) {
          s.setLong(1, d.key());
          s.setString(2, d.drgId());
          s.setString(3, d.name());
          s.setInt(4, d.version());
          s.setString(5, d.resourceName());
          s.setBytes(6, d.resource());
          s.setString(7, d.checksum());
          s.setLong(8, d.deploymentKey());
          s.addBatch();
        }
        s.executeBatch();
      }
    }
    if (!changes.decisions.isEmpty()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into " + table("decision")
                  + " (decision_key, decision_id, name, version, decision_requirements_key, drg_id,"
                  + " deployment_key) values (?, ?, ?, ?, ?, ?, ?)")) {
        for (DecisionDefinition d : changes.decisions) {
          s.setLong(1, d.key());
          s.setString(2, d.decisionId());
          s.setString(3, d.name());
          s.setInt(4, d.version());
          s.setLong(5, d.decisionRequirementsKey());
          s.setString(6, d.drgId());
          s.setLong(7, d.deploymentKey());
          s.addBatch();
        }
        s.executeBatch();
      }
    }
  }

  private void writeElementInstances(Connection c, Iterable<ElementInstance> instances)
      throws SQLException {
    try (PreparedStatement roots =
            c.prepareStatement(
                "insert into " + table("process_instance")
                    + " (process_instance_key, process_definition_key, bpmn_process_id, version, state,"
                    + " start_date, end_date, parent_process_instance_key, parent_element_instance_key,"
                    + " runtime) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (process_instance_key)"
                    + " do update set state = excluded.state, end_date = excluded.end_date,"
                    + " runtime = excluded.runtime");
        PreparedStatement elements =
            c.prepareStatement(
                "insert into " + table("element_instance")
                    + " (element_instance_key, process_instance_key, process_definition_key,"
                    + " bpmn_process_id, flow_scope_key, element_id, element_type, state, start_date,"
                    + " end_date, runtime) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " on conflict (element_instance_key) do update set state = excluded.state,"
                    + " end_date = excluded.end_date, runtime = excluded.runtime")) {
      int rootCount = 0;
      int elementCount = 0;
      for (ElementInstance e : instances) {
        String runtime = e.state().isFinished() ? "{}" : json(e.runtime());
        if (e.isRoot()) {
          roots.setLong(1, e.key());
          roots.setLong(2, e.processDefinitionKey());
          roots.setString(3, e.bpmnProcessId());
          roots.setInt(4, e.version());
          roots.setString(5, e.state().name());
          roots.setTimestamp(6, new Timestamp(e.startTime()));
          setTime(roots, 7, e.endTime());
          setKey(roots, 8, e.runtime().parentProcessInstanceKey);
          setKey(roots, 9, e.runtime().parentElementInstanceKey);
          roots.setString(10, runtime);
          roots.addBatch();
          rootCount++;
        } else {
          elements.setLong(1, e.key());
          elements.setLong(2, e.processInstanceKey());
          elements.setLong(3, e.processDefinitionKey());
          elements.setString(4, e.bpmnProcessId());
          elements.setLong(5, e.flowScopeKey());
          elements.setString(6, e.elementId());
          elements.setString(7, e.type().name());
          elements.setString(8, e.state().name());
          elements.setTimestamp(9, new Timestamp(e.startTime()));
          setTime(elements, 10, e.endTime());
          elements.setString(11, runtime);
          elements.addBatch();
          elementCount++;
        }
      }
      if (rootCount > 0) {
        roots.executeBatch();
      }
      if (elementCount > 0) {
        elements.executeBatch();
      }
    }
  }

  private void writeVariables(Connection c, Iterable<Variable> variables) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into " + table("variable")
                + " (variable_key, scope_key, process_instance_key, name, value) values (?, ?, ?, ?, ?)"
                + " on conflict (variable_key) do update set value = excluded.value")) {
      int count = 0;
      for (Variable v : variables) {
        s.setLong(1, v.key);
        s.setLong(2, v.scopeKey);
        s.setLong(3, v.processInstanceKey);
        s.setString(4, v.name);
        s.setString(5, v.json);
        s.addBatch();
        count++;
      }
      if (count > 0) {
        s.executeBatch();
      }
    }
  }

  private void writeJobs(Connection c, Iterable<Job> jobs) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into " + table("job")
                + " (job_key, type, state, retries, deadline, retry_at, worker, error_message, error_code,"
                + " custom_headers, kind, listener_event_type, element_instance_key, process_instance_key,"
                + " process_definition_key, bpmn_process_id, version, element_id, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (job_key) do update set state = excluded.state, retries = excluded.retries,"
                + " deadline = excluded.deadline, retry_at = excluded.retry_at, worker = excluded.worker,"
                + " error_message = excluded.error_message, error_code = excluded.error_code")) {
      int count = 0;
      for (Job j : jobs) {
        s.setLong(1, j.key);
        s.setString(2, j.type);
        s.setString(3, j.state.name());
        s.setInt(4, j.retries);
        s.setLong(5, j.deadline);
        s.setLong(6, j.retryAt);
        s.setString(7, j.worker);
        s.setString(8, j.errorMessage);
        s.setString(9, j.errorCode);
        s.setString(10, json(j.customHeaders));
        s.setString(11, j.kind);
        s.setString(12, j.listenerEventType);
        s.setLong(13, j.elementInstanceKey);
        s.setLong(14, j.processInstanceKey);
        s.setLong(15, j.processDefinitionKey);
        s.setString(16, j.bpmnProcessId);
        s.setInt(17, j.version);
        s.setString(18, j.elementId);
        s.setTimestamp(19, new Timestamp(j.createdAt));
        s.addBatch();
        count++;
      }
      if (count > 0) {
        s.executeBatch();
      }
    }
  }

  private void writeIncidents(Connection c, Iterable<Incident> incidents) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into " + table("incident")
                + " (incident_key, process_instance_key, process_definition_key, bpmn_process_id,"
                + " element_instance_key, element_id, job_key, error_type, error_message, state, created_at,"
                + " resolved_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (incident_key)"
                + " do update set state = excluded.state, resolved_at = excluded.resolved_at")) {
      int count = 0;
      for (Incident i : incidents) {
        s.setLong(1, i.key);
        s.setLong(2, i.processInstanceKey);
        s.setLong(3, i.processDefinitionKey);
        s.setString(4, i.bpmnProcessId);
        s.setLong(5, i.elementInstanceKey);
        s.setString(6, i.elementId);
        s.setLong(7, i.jobKey);
        s.setString(8, i.errorType);
        s.setString(9, i.errorMessage);
        s.setString(10, i.state);
        s.setTimestamp(11, new Timestamp(i.createdAt));
        setTime(s, 12, i.resolvedAt);
        s.addBatch();
        count++;
      }
      if (count > 0) {
        s.executeBatch();
      }
    }
  }

  private void writeTakenFlows(Connection c, ChangeSet changes) throws SQLException {
    if (changes.takenFlows.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into " + table("taken_flow")
                + " (process_instance_key, flow_id) values (?, ?) on conflict do nothing")) {
      for (ChangeSet.TakenFlow flow : changes.takenFlows) {
        s.setLong(1, flow.processInstanceKey());
        s.setString(2, flow.flowId());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private void writeTimers(Connection c, java.util.Collection<Timer> timers) throws SQLException {
    if (timers.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into " + table("timer")
                + " (timer_key, element_instance_key, process_instance_key, process_definition_key,"
                + " target_element_id, due_date, repetitions, interval_millis, state)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (timer_key) do update set"
                + " due_date = excluded.due_date, repetitions = excluded.repetitions, state = excluded.state")) {
      for (Timer t : timers) {
        s.setLong(1, t.key);
        s.setLong(2, t.elementInstanceKey);
        s.setLong(3, t.processInstanceKey);
        s.setLong(4, t.processDefinitionKey);
        s.setString(5, t.targetElementId);
        s.setLong(6, t.dueDate);
        s.setInt(7, t.repetitions);
        s.setLong(8, t.intervalMillis);
        s.setString(9, t.state);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private void writeSubscriptions(Connection c, java.util.Collection<MessageSubscription> subscriptions)
      throws SQLException {
    if (subscriptions.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into " + table("message_subscription")
                + " (subscription_key, element_instance_key, process_instance_key, process_definition_key,"
                + " bpmn_process_id, target_element_id, message_name, correlation_key, state)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (subscription_key) do update set"
                + " state = excluded.state")) {
      for (MessageSubscription m : subscriptions) {
        s.setLong(1, m.key);
        s.setLong(2, m.elementInstanceKey);
        s.setLong(3, m.processInstanceKey);
        s.setLong(4, m.processDefinitionKey);
        s.setString(5, m.bpmnProcessId);
        s.setString(6, m.targetElementId);
        s.setString(7, m.messageName);
        s.setString(8, m.correlationKey);
        s.setString(9, m.state);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private void writeMessages(Connection c, java.util.Collection<Message> messages) throws SQLException {
    if (messages.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into " + table("message")
                + " (message_key, name, correlation_key, variables, message_id, deadline, correlated_to, state)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (message_key) do update set"
                + " correlated_to = excluded.correlated_to, state = excluded.state")) {
      for (Message m : messages) {
        s.setLong(1, m.key);
        s.setString(2, m.name);
        s.setString(3, m.correlationKey);
        s.setString(4, m.variablesJson);
        s.setString(5, m.messageId);
        s.setLong(6, m.deadline);
        s.setString(7, json(m.correlatedTo));
        s.setString(8, m.state);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void setTime(PreparedStatement s, int index, long epochMillis) throws SQLException {
    if (epochMillis < 0) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setTimestamp(index, new Timestamp(epochMillis));
    }
  }

  private static void setKey(PreparedStatement s, int index, long key) throws SQLException {
    if (key < 0) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, key);
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise engine state", e);
    }
  }

  // ---- reading back

  /** Everything a restarted engine needs, as stored. */
  public StoredState load() throws SQLException {
    StoredState stored = new StoredState();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement s = c.prepareStatement("select next_key from " + table("engine_meta") + " where id = 1");
          ResultSet r = s.executeQuery()) {
        stored.nextKey = r.next() ? r.getLong(1) : 0;
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "select process_definition_key, bpmn_process_id, version, resource_name, resource, checksum,"
                      + " deployment_key, deployed_at from " + table("process_definition")
                      + " order by process_definition_key");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          stored.processes.add(
              new StoredState.StoredProcess(
                  r.getLong(1), r.getString(2), r.getInt(3), r.getString(4), r.getBytes(5),
                  r.getString(6), r.getLong(7), r.getTimestamp(8).getTime()));
        }
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "select decision_requirements_key, drg_id, name, version, resource_name, resource, checksum,"
                      + " deployment_key from " + table("decision_requirements")
                      + " order by decision_requirements_key");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          stored.decisionRequirements.add(
              new StoredState.StoredDecisionRequirements(
                  r.getLong(1), r.getString(2), r.getString(3), r.getInt(4), r.getString(5),
                  r.getBytes(6), r.getString(7), r.getLong(8)));
        }
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "select decision_key, decision_id, name, version, decision_requirements_key, drg_id,"
                      + " deployment_key from " + table("decision") + " order by decision_key");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          stored.decisions.add(
              new DecisionDefinition(
                  r.getLong(1), r.getString(2), r.getString(3), r.getInt(4), r.getLong(5),
                  r.getString(6), r.getLong(7)));
        }
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "select process_instance_key, process_definition_key, bpmn_process_id, version, state,"
                      + " start_date, runtime from " + table("process_instance")
                      + " where state not in ('COMPLETED', 'TERMINATED')");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ElementInstance root =
              new ElementInstance(
                  r.getLong(1), r.getLong(1), r.getLong(2), r.getString(3), r.getInt(4), -1,
                  r.getString(3), BpmnElementType.PROCESS, r.getTimestamp(6).getTime(),
                  runtime(r.getString(7)));
          root.setState(ElementState.valueOf(r.getString(5)));
          stored.elementInstances.add(root);
        }
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "select e.element_instance_key, e.process_instance_key, e.process_definition_key,"
                      + " e.bpmn_process_id, p.version, e.flow_scope_key, e.element_id, e.element_type, e.state,"
                      + " e.start_date, e.runtime from " + table("element_instance") + " e join "
                      + table("process_instance") + " p using (process_instance_key)"
                      + " where e.state not in ('COMPLETED', 'TERMINATED') order by e.element_instance_key");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ElementInstance e =
              new ElementInstance(
                  r.getLong(1), r.getLong(2), r.getLong(3), r.getString(4), r.getInt(5), r.getLong(6),
                  r.getString(7), BpmnElementType.valueOf(r.getString(8)),
                  r.getTimestamp(10).getTime(), runtime(r.getString(11)));
          e.setState(ElementState.valueOf(r.getString(9)));
          stored.elementInstances.add(e);
        }
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "select v.variable_key, v.scope_key, v.process_instance_key, v.name, v.value from "
                      + table("variable") + " v join " + table("process_instance")
                      + " p using (process_instance_key) where p.state not in ('COMPLETED', 'TERMINATED')"
                      + " order by v.variable_key");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          stored.variables.add(
              new Variable(r.getLong(1), r.getLong(2), r.getLong(3), r.getString(4), r.getString(5)));
        }
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "select job_key, type, state, retries, deadline, retry_at, worker, error_message, error_code,"
                      + " custom_headers, kind, listener_event_type, element_instance_key, process_instance_key,"
                      + " process_definition_key, bpmn_process_id, version, element_id, created_at from "
                      + table("job") + " where state not in ('COMPLETED', 'CANCELED') order by job_key");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Job job =
              new Job(
                  r.getLong(1), r.getString(2), r.getLong(13), r.getLong(14), r.getLong(15),
                  r.getString(16), r.getInt(17), r.getString(18),
                  JSON.readValue(r.getString(10), new TypeReference<Map<String, String>>() {}),
                  r.getString(11), r.getString(12), r.getInt(4), r.getTimestamp(19).getTime());
          job.state = JobState.valueOf(r.getString(3));
          job.deadline = r.getLong(5);
          job.retryAt = r.getLong(6);
          job.worker = r.getString(7);
          job.errorMessage = r.getString(8);
          job.errorCode = r.getString(9);
          stored.jobs.add(job);
        }
      } catch (JsonProcessingException e) {
        throw new SQLException("unreadable job headers in " + table("job"), e);
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "select incident_key, process_instance_key, process_definition_key, bpmn_process_id,"
                      + " element_instance_key, element_id, job_key, error_type, error_message, created_at from "
                      + table("incident") + " where state = 'ACTIVE' order by incident_key");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          stored.incidents.add(
              new Incident(
                  r.getLong(1), r.getLong(2), r.getLong(3), r.getString(4), r.getLong(5), r.getString(6),
                  r.getLong(7), r.getString(8), r.getString(9), r.getTimestamp(10).getTime()));
        }
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "select timer_key, element_instance_key, process_instance_key, process_definition_key,"
                      + " target_element_id, due_date, repetitions, interval_millis from " + table("timer")
                      + " where state = 'ACTIVE' order by timer_key");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          stored.timers.add(
              new Timer(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getString(5), r.getLong(6),
                  r.getInt(7), r.getLong(8)));
        }
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "select subscription_key, element_instance_key, process_instance_key, process_definition_key,"
                      + " bpmn_process_id, target_element_id, message_name, correlation_key from "
                      + table("message_subscription") + " where state = 'ACTIVE' order by subscription_key");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          stored.subscriptions.add(
              new MessageSubscription(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getString(5),
                  r.getString(6), r.getString(7), r.getString(8)));
        }
      }
      try (PreparedStatement s =
              c.prepareStatement(
                  "select message_key, name, correlation_key, variables, message_id, deadline, correlated_to from "
                      + table("message") + " where state = 'PUBLISHED' order by message_key");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Message message =
              new Message(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getLong(6));
          message.correlatedTo.addAll(JSON.readValue(r.getString(7), new TypeReference<List<String>>() {}));
          stored.messages.add(message);
        }
      } catch (JsonProcessingException e) {
        throw new SQLException("unreadable message in " + table("message"), e);
      }
    }
    return stored;
  }

  private static ElementRuntime runtime(String json) throws SQLException {
    try {
      return JSON.readValue(json, ElementRuntime.class);
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable element instance state: " + json, e);
    }
  }

  /** What {@link #load} returns. */
  public static final class StoredState {
    public long nextKey;
    public final List<StoredProcess> processes = new ArrayList<>();
    public final List<StoredDecisionRequirements> decisionRequirements = new ArrayList<>();
    public final List<DecisionDefinition> decisions = new ArrayList<>();
    public final List<ElementInstance> elementInstances = new ArrayList<>();
    public final List<Variable> variables = new ArrayList<>();
    public final List<Job> jobs = new ArrayList<>();
    public final List<Incident> incidents = new ArrayList<>();
    public final List<Timer> timers = new ArrayList<>();
    public final List<MessageSubscription> subscriptions = new ArrayList<>();
    public final List<Message> messages = new ArrayList<>();

    public record StoredProcess(
        long key, String bpmnProcessId, int version, String resourceName, byte[] resource,
        String checksum, long deploymentKey, long deployedAt) {}

    public record StoredDecisionRequirements(
        long key, String drgId, String name, int version, String resourceName, byte[] resource,
        String checksum, long deploymentKey) {}
  }
}
