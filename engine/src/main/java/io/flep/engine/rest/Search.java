package io.flep.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One searchable resource: its table expression, fields, default order and row shape. Runs a
 * Camunda 8.8 search request ({@code filter}, {@code sort}, {@code page} with {@code from}/{@code
 * limit} or the cursors {@code after}/{@code before}) against the engine's tables.
 */
final class Search {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;

  /** Reads one row into the response item. */
  @FunctionalInterface
  interface Row {
    Map<String, Object> read(ResultSet r) throws SQLException;
  }

  private final String select;
  private final String from;
  private final Map<String, Field> fields;
  private final FilterParser filters;
  private final String defaultOrder;
  private final Row row;

  Search(String select, String from, Map<String, Field> fields, Map<String, FilterParser.Special> specials,
      String defaultOrder, Row row) {
    this.select = select;
    this.from = from;
    this.fields = fields;
    this.filters = new FilterParser(fields, specials);
    this.defaultOrder = defaultOrder;
    this.row = row;
  }

  Map<String, Object> run(DataSource dataSource, JsonNode request) throws Problem, SQLException {
    JsonNode body = request == null || request.isNull() ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : request;
    Condition where = FilterParser.and(filters.parse(body.get("filter")));
    String order = order(body.get("sort"));
    JsonNode page = body.get("page");
    int limit = page == null || !page.has("limit") ? DEFAULT_LIMIT : page.get("limit").asInt(DEFAULT_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw Problem.badRequest("'page.limit' must be between 1 and " + MAX_LIMIT + ", not " + limit);
    }
    int offset = page == null ? 0 : page.path("from").asInt(0);
    if (page != null && page.hasNonNull("after")) {
      offset = cursor(page.get("after").asText()) + 1;
    } else if (page != null && page.hasNonNull("before")) {
      offset = Math.max(0, cursor(page.get("before").asText()) - limit);
    }
    if (offset < 0) {
      throw Problem.badRequest("'page.from' must not be negative");
    }
    List<Map<String, Object>> items = new ArrayList<>();
    long total;
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "select " + select + " from " + from + " where " + where.sql() + " order by " + order
                  + " limit " + limit + " offset " + offset)) {
        bind(s, where.parameters());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            items.add(row.read(r));
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement("select count(*) from " + from + " where " + where.sql())) {
        bind(s, where.parameters());
        try (ResultSet r = s.executeQuery()) {
          r.next();
          total = r.getLong(1);
        }
      }
    }
    Map<String, Object> pageInfo = new LinkedHashMap<>();
    pageInfo.put("totalItems", total);
    pageInfo.put("hasMoreTotalItems", false);
    pageInfo.put("startCursor", items.isEmpty() ? null : encode(offset));
    pageInfo.put("endCursor", items.isEmpty() ? null : encode(offset + items.size() - 1));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("items", items);
    response.put("page", pageInfo);
    return response;
  }

  private String order(JsonNode sort) throws Problem {
    if (sort == null || sort.isNull() || sort.isEmpty()) {
      return defaultOrder;
    }
    if (!sort.isArray()) {
      throw Problem.badRequest("'sort' must be a list of {field, order}");
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode by : sort) {
      String name = by.path("field").asText();
      Field field = fields.get(name);
      if (field == null) {
        throw Problem.badRequest(
            "Cannot sort by '" + name + "'; supported: " + String.join(", ", fields.keySet()));
      }
      String direction = by.path("order").asText("ASC").toUpperCase(Locale.ROOT);
      if (!direction.equals("ASC") && !direction.equals("DESC")) {
        throw Problem.badRequest("'order' must be ASC or DESC, not '" + direction + "'");
      }
      parts.add(field.sql() + " " + direction + " nulls last");
    }
    parts.add(defaultOrder); // a stable order for paging
    return String.join(", ", parts);
  }

  private static void bind(PreparedStatement s, List<Object> parameters) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      s.setObject(i + 1, parameters.get(i));
    }
  }

  static String encode(int index) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("i:" + index).getBytes(StandardCharsets.UTF_8));
  }

  static int cursor(String cursor) throws Problem {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!text.startsWith("i:")) {
        throw new IllegalArgumentException();
      }
      return Integer.parseInt(text.substring(2));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("not a cursor of this engine: '" + cursor + "'");
    }
  }
}
