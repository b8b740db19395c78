package io.flep.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a Camunda 8.8 search filter into SQL conditions. A field is either a plain value or an
 * operator object ({@code $eq, $neq, $exists, $in, $notIn, $like, $gt, $gte, $lt, $lte}); empty
 * lists mean "no constraint" (the client always sends them). A field or operator this engine does
 * not know is a 400 naming it, never silently ignored.
 */
final class FilterParser {
  /** Filters handled by the caller (e.g. process variables), by name. */
  interface Special {
    List<Condition> parse(JsonNode value) throws Problem;
  }

  private final Map<String, Field> fields;
  private final Map<String, Special> specials;

  FilterParser(Map<String, Field> fields, Map<String, Special> specials) {
    this.fields = fields;
    this.specials = specials;
  }

  List<Condition> parse(JsonNode filter) throws Problem {
    List<Condition> conditions = new ArrayList<>();
    if (filter == null || filter.isNull()) {
      return conditions;
    }
    if (!filter.isObject()) {
      throw Problem.badRequest("'filter' must be an object");
    }
    Iterator<Map.Entry<String, JsonNode>> entries = filter.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      if (value == null || value.isNull()) {
        continue;
      }
      if (name.equals("$or")) {
        conditions.addAll(or(value));
      } else if (specials.containsKey(name)) {
        conditions.addAll(specials.get(name).parse(value));
      } else if (fields.containsKey(name)) {
        conditions.addAll(field(fields.get(name), value));
      } else {
        throw Problem.badRequest(
            "The filter field '" + name + "' is not supported by the FLEP engine; supported: "
                + String.join(", ", fields.keySet()));
      }
    }
    return conditions;
  }

  private List<Condition> or(JsonNode alternatives) throws Problem {
    if (!alternatives.isArray()) {
      throw Problem.badRequest("'$or' must be a list of filters");
    }
    if (alternatives.isEmpty()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    for (JsonNode alternative : alternatives) {
      Condition all = and(parse(alternative));
      parts.add("(" + all.sql() + ")");
      parameters.addAll(all.parameters());
    }
    return List.of(new Condition("(" + String.join(" or ", parts) + ")", parameters));
  }

  static Condition and(List<Condition> conditions) {
    if (conditions.isEmpty()) {
      return Condition.of("true");
    }
    List<String> parts = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    for (Condition c : conditions) {
      parts.add(c.sql());
      parameters.addAll(c.parameters());
    }
    return new Condition(String.join(" and ", parts), parameters);
  }

  private List<Condition> field(Field field, JsonNode value) throws Problem {
    if (!value.isObject()) {
      return List.of(compare(field, "=", value));
    }
    List<Condition> conditions = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> operators = value.fields();
    while (operators.hasNext()) {
      Map.Entry<String, JsonNode> operator = operators.next();
      JsonNode operand = operator.getValue();
      if (operand == null || operand.isNull()) {
        continue;
      }
      switch (operator.getKey()) {
        case "$eq" -> conditions.add(compare(field, "=", operand));
        case "$neq" -> conditions.add(compare(field, "<>", operand));
        case "$gt" -> conditions.add(compare(field, ">", operand));
        case "$gte" -> conditions.add(compare(field, ">=", operand));
        case "$lt" -> conditions.add(compare(field, "<", operand));
        case "$lte" -> conditions.add(compare(field, "<=", operand));
        case "$exists" -> conditions.add(
            Condition.of(field.sql() + (operand.asBoolean() ? " is not null" : " is null")));
        case "$in", "$notIn" -> {
          if (!operand.isArray()) {
            throw Problem.badRequest("'" + operator.getKey() + "' of '" + field.name() + "' must be a list");
          }
          if (!operand.isEmpty()) {
            List<String> alternatives = new ArrayList<>();
            List<Object> parameters = new ArrayList<>();
            for (JsonNode item : operand) {
              Condition one = compare(field, "=", item);
              alternatives.add(one.sql());
              parameters.addAll(one.parameters());
            }
            String any = "(" + String.join(" or ", alternatives) + ")";
            conditions.add(new Condition(operator.getKey().equals("$in") ? any : "not " + any, parameters));
          }
        }
        case "$like" -> {
          if (field.type() != FieldType.TEXT) {
            throw Problem.badRequest("'$like' is only supported on text fields, not on '" + field.name() + "'");
          }
          String pattern = operand.asText().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
              .replace('*', '%').replace('?', '_');
          conditions.add(Condition.of(field.sql() + " like ?", pattern));
        }
        default -> throw Problem.badRequest(
            "The filter operator '" + operator.getKey() + "' of '" + field.name() + "' is not supported");
      }
    }
    return conditions;
  }

  private static Condition compare(Field field, String operator, JsonNode value) throws Problem {
    return switch (field.type()) {
      case KEY -> Condition.of(field.sql() + " " + operator + " ?", key(field, value));
      case TEXT -> Condition.of(field.sql() + " " + operator + " ?", value.asText());
      case INTEGER -> {
        if (!value.canConvertToInt() && !value.asText().matches("-?\\d+")) {
          throw Problem.badRequest("'" + field.name() + "' must be an integer, not '" + value.asText() + "'");
        }
        yield Condition.of(field.sql() + " " + operator + " ?", Integer.parseInt(value.asText()));
      }
      case DATE -> Condition.of(field.sql() + " " + operator + " ?", date(field, value));
      case BOOLEAN -> {
        if (!value.isBoolean()) {
          throw Problem.badRequest("'" + field.name() + "' must be true or false");
        }
        yield Condition.of(field.sql() + " " + operator + " ?", value.asBoolean());
      }
      case STATE -> state(field, operator, value.asText());
    };
  }

  private static Condition state(Field field, String operator, String state) throws Problem {
    String finished = field.sql() + " in ('COMPLETED', 'TERMINATED')";
    String condition =
        switch (state.toUpperCase(Locale.ROOT)) {
          case "ACTIVE" -> "not " + finished;
          case "COMPLETED", "TERMINATED" -> field.sql() + " = '" + state.toUpperCase(Locale.ROOT) + "'";
          default -> throw Problem.badRequest(
              "'" + field.name() + "' must be ACTIVE, COMPLETED or TERMINATED, not '" + state + "'");
        };
    return switch (operator) {
      case "=" -> Condition.of("(" + condition + ")");
      case "<>" -> Condition.of("not (" + condition + ")");
      default -> throw Problem.badRequest("'" + field.name() + "' can only be compared for (in)equality");
    };
  }

  static long key(Field field, JsonNode value) throws Problem {
    try {
      long key = Long.parseLong(value.asText());
      if (key <= 0) {
        throw new NumberFormatException();
      }
      return key;
    } catch (NumberFormatException e) {
      throw Problem.badRequest("'" + field.name() + "' must be a positive key, not '" + value.asText() + "'");
    }
  }

  private static Timestamp date(Field field, JsonNode value) throws Problem {
    String text = value.asText();
    try {
      return Timestamp.from(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notOffset) {
      try {
        return Timestamp.from(ZonedDateTime.parse(text).toInstant());
      } catch (DateTimeParseException e) {
        throw Problem.badRequest("'" + field.name() + "' must be an ISO-8601 date-time, not '" + text + "'");
      }
    }
  }
}
