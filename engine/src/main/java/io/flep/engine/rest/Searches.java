package io.flep.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.flep.engine.processing.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The searchable resources of the REST API, over the engine's tables in {@code schema}. */
final class Searches {
  static final String TENANT = "<default>";

  private Searches() {}

  private static Map<String, Field> fields(Field... fields) {
    Map<String, Field> byName = new LinkedHashMap<>();
    for (Field field : fields) {
      byName.put(field.name(), field);
    }
    return byName;
  }

  static Search processInstances(String schema) {
    String activeIncident =
        "exists (select 1 from " + schema + ".incident i where i.process_instance_key = p.process_instance_key"
            + " and i.state = 'ACTIVE')";
    Map<String, Field> fields = fields(
        new Field("processInstanceKey", "p.process_instance_key", FieldType.KEY),
        new Field("processDefinitionKey", "p.process_definition_key", FieldType.KEY),
        new Field("processDefinitionId", "p.bpmn_process_id", FieldType.TEXT),
        new Field("processDefinitionVersion", "p.version", FieldType.INTEGER),
        new Field("parentProcessInstanceKey", "p.parent_process_instance_key", FieldType.KEY),
        new Field("parentElementInstanceKey", "p.parent_element_instance_key", FieldType.KEY),
        new Field("startDate", "p.start_date", FieldType.DATE),
        new Field("endDate", "p.end_date", FieldType.DATE),
        new Field("state", "p.state", FieldType.STATE),
        new Field("hasIncident", activeIncident, FieldType.BOOLEAN),
        new Field("tenantId", "'" + TENANT + "'", FieldType.TEXT));
    Map<String, FilterParser.Special> specials = new LinkedHashMap<>();
    specials.put("tags", value -> {
      if (value.isArray() && !value.isEmpty()) {
        throw Problem.badRequest("process instance tags are not supported by the FLEP engine");
      }
      return List.of();
    });
    specials.put("variables", value -> variables(schema, value));
    return new Search(
        "p.process_instance_key, p.process_definition_key, p.bpmn_process_id, p.version, p.state, p.start_date,"
            + " p.end_date, p.parent_process_instance_key, p.parent_element_instance_key, " + activeIncident,
        schema + ".process_instance p",
        fields,
        specials,
        "p.process_instance_key asc",
        Searches::processInstance);
  }

  private static List<Condition> variables(String schema, JsonNode value) throws Problem {
    if (!value.isArray()) {
      throw Problem.badRequest("'variables' must be a list of {name, value}");
    }
    List<Condition> conditions = new ArrayList<>();
    for (JsonNode variable : value) {
      String name = variable.path("name").asText(null);
      JsonNode match = variable.get("value");
      if (name == null || match == null) {
        throw Problem.badRequest("each variable filter needs a 'name' and a 'value'");
      }
      JsonNode eq = match.isObject() ? match.get("$eq") : match;
      if (eq == null || (match.isObject() && match.size() > 1 && hasOtherOperators(match))) {
        throw Problem.badRequest("variable filters support only '$eq' (variable '" + name + "')");
      }
      String text = eq.isTextual() ? eq.asText() : eq.toString();
      conditions.add(Condition.of(
          "exists (select 1 from " + schema + ".variable v where v.scope_key = p.process_instance_key"
              + " and v.name = ? and (v.value = ? or v.value = ?))",
          name, text, Json.write(text)));
    }
    return conditions;
  }

  private static boolean hasOtherOperators(JsonNode match) {
    var names = match.fieldNames();
    while (names.hasNext()) {
      String operator = names.next();
      JsonNode operand = match.get(operator);
      if (!operator.equals("$eq") && !(operand.isArray() && operand.isEmpty())) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Object> processInstance(ResultSet r) throws SQLException {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("processInstanceKey", key(r.getLong(1)));
    item.put("processDefinitionKey", key(r.getLong(2)));
    item.put("processDefinitionId", r.getString(3));
    item.put("processDefinitionVersion", r.getInt(4));
    item.put("state", publicState(r.getString(5)));
    item.put("startDate", date(r.getTimestamp(6)));
    item.put("endDate", date(r.getTimestamp(7)));
    item.put("parentProcessInstanceKey", nullableKey(r, 8));
    item.put("parentElementInstanceKey", nullableKey(r, 9));
    item.put("hasIncident", r.getBoolean(10));
    item.put("tenantId", TENANT);
    item.put("tags", List.of());
    return item;
  }

  static Search elementInstances(String schema) {
    String incident =
        "(select min(i.incident_key) from " + schema + ".incident i where i.element_instance_key ="
            + " e.element_instance_key and i.state = 'ACTIVE')";
    Map<String, Field> fields = fields(
        new Field("elementInstanceKey", "e.element_instance_key", FieldType.KEY),
        new Field("processInstanceKey", "e.process_instance_key", FieldType.KEY),
        new Field("processDefinitionKey", "e.process_definition_key", FieldType.KEY),
        new Field("processDefinitionId", "e.bpmn_process_id", FieldType.TEXT),
        new Field("elementId", "e.element_id", FieldType.TEXT),
        new Field("type", "e.element_type", FieldType.TEXT),
        new Field("state", "e.state", FieldType.STATE),
        new Field("startDate", "e.start_date", FieldType.DATE),
        new Field("endDate", "e.end_date", FieldType.DATE),
        new Field("incidentKey", incident, FieldType.KEY),
        new Field("hasIncident", incident + " is not null", FieldType.BOOLEAN),
        new Field("tenantId", "'" + TENANT + "'", FieldType.TEXT));
    return new Search(
        "e.element_instance_key, e.process_instance_key, e.process_definition_key, e.bpmn_process_id,"
            + " e.element_id, e.element_type, e.state, e.start_date, e.end_date, " + incident,
        schema + ".element_instance e",
        fields,
        Map.of(),
        "e.element_instance_key asc",
        r -> {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("elementInstanceKey", key(r.getLong(1)));
          item.put("processInstanceKey", key(r.getLong(2)));
          item.put("processDefinitionKey", key(r.getLong(3)));
          item.put("processDefinitionId", r.getString(4));
          item.put("elementId", r.getString(5));
          item.put("elementName", null);
          item.put("type", r.getString(6));
          item.put("state", publicState(r.getString(7)));
          item.put("startDate", date(r.getTimestamp(8)));
          item.put("endDate", date(r.getTimestamp(9)));
          Object incidentKey = nullableKey(r, 10);
          item.put("incidentKey", incidentKey);
          item.put("hasIncident", incidentKey != null);
          item.put("tenantId", TENANT);
          return item;
        });
  }

  static Search incidents(String schema) {
    Map<String, Field> fields = fields(
        new Field("incidentKey", "i.incident_key", FieldType.KEY),
        new Field("processDefinitionKey", "i.process_definition_key", FieldType.KEY),
        new Field("processDefinitionId", "i.bpmn_process_id", FieldType.TEXT),
        new Field("processInstanceKey", "i.process_instance_key", FieldType.KEY),
        new Field("errorType", "i.error_type", FieldType.TEXT),
        new Field("errorMessage", "i.error_message", FieldType.TEXT),
        new Field("elementId", "i.element_id", FieldType.TEXT),
        new Field("elementInstanceKey", "i.element_instance_key", FieldType.KEY),
        new Field("creationTime", "i.created_at", FieldType.DATE),
        new Field("state", "i.state", FieldType.TEXT),
        new Field("jobKey", "nullif(i.job_key, -1)", FieldType.KEY),
        new Field("tenantId", "'" + TENANT + "'", FieldType.TEXT));
    return new Search(
        "i.incident_key, i.process_definition_key, i.bpmn_process_id, i.process_instance_key, i.error_type,"
            + " i.error_message, i.element_id, i.element_instance_key, i.created_at, i.state, i.job_key",
        schema + ".incident i",
        fields,
        Map.of(),
        "i.incident_key asc",
        r -> {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("incidentKey", key(r.getLong(1)));
          item.put("processDefinitionKey", key(r.getLong(2)));
          item.put("processDefinitionId", r.getString(3));
          item.put("processInstanceKey", key(r.getLong(4)));
          item.put("errorType", r.getString(5));
          item.put("errorMessage", r.getString(6));
          item.put("elementId", r.getString(7));
          item.put("elementInstanceKey", key(r.getLong(8)));
          item.put("creationTime", date(r.getTimestamp(9)));
          item.put("state", r.getString(10));
          long job = r.getLong(11);
          item.put("jobKey", job > 0 ? key(job) : null);
          item.put("tenantId", TENANT);
          return item;
        });
  }

  static String key(long key) {
    return Long.toString(key);
  }

  private static String nullableKey(ResultSet r, int index) throws SQLException {
    long value = r.getLong(index);
    return r.wasNull() || value <= 0 ? null : key(value);
  }

  static String date(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().toString();
  }

  static String publicState(String state) {
    return state.equals("COMPLETED") || state.equals("TERMINATED") ? state : "ACTIVE";
  }
}
