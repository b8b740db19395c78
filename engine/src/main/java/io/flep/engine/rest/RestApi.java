package io.flep.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.flep.engine.auth.EngineClient;
import io.flep.engine.auth.TokenEndpoint;
import io.flep.engine.auth.TokenService;
import io.flep.engine.processing.CommandProcessor;
import io.flep.engine.processing.Rejection;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring subset of the Camunda 8.8 Orchestration Cluster REST API (v2), same paths and JSON
 * shapes, so one monitoring client (the Camunda Java client's search API) works against this engine
 * and a cluster. Reads go to the committed state in PostgreSQL; writes (incident resolution, job
 * retries and timeout) go through the command processor.
 *
 * <p>With authentication every request, to any path, needs a valid bearer token from the engine's
 * token endpoint (401 otherwise, before anything else is looked at), and each route needs the
 * permission of the gateway command it corresponds to (403 naming the client, the command and the
 * route otherwise): {@code GET /v2/topology} needs {@code Topology}; incident resolution {@code
 * ResolveIncident}; a job's retries and timeout {@code UpdateJobRetries} and {@code
 * UpdateJobTimeout} and the job's type among the client's job types; every read (searches, gets,
 * statistics, sequence flows, XML), which has no gateway command, {@code Search}.
 */
public final class RestApi implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  private static final int MAX_BODY = 1 << 20;
  private static final Pattern KEY = Pattern.compile("[0-9]{1,19}");

  private final DataSource dataSource;
  private final String schema;
  private final CommandProcessor processor;
  private final TokenService tokens;
  private final String version;
  private final IntSupplier grpcPort;
  private final Search processInstances;
  private final Search elementInstances;
  private final Search incidents;

  /** @param tokens null when the engine runs without authentication */
  public RestApi(
      DataSource dataSource, String schema, CommandProcessor processor, TokenService tokens, String version,
      IntSupplier grpcPort) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.processor = processor;
    this.tokens = tokens;
    this.version = version;
    this.grpcPort = grpcPort;
    this.processInstances = Searches.processInstances(schema);
    this.elementInstances = Searches.elementInstances(schema);
    this.incidents = Searches.incidents(schema);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        route(exchange);
      } catch (Problem problem) {
        problem(exchange, problem);
      } catch (SQLException | RuntimeException e) {
        LOG.warn("REST {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
        problem(exchange, new Problem(500, "INTERNAL_ERROR", "the engine could not answer: " + e.getMessage()));
      }
    }
  }

  private void route(HttpExchange exchange) throws Problem, SQLException, IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
    // every path needs a token, unknown ones too: without one, nothing about the API is told
    Optional<EngineClient> client = authenticate(exchange);
    String[] parts = path.split("/");
    // parts: "", "v2", resource, ...
    if (parts.length < 3 || !parts[1].equals("v2")) {
      throw Problem.notFound("no such endpoint: " + method + " " + path);
    }
    String resource = parts[2];
    switch (resource + ":" + (parts.length - 3)) {
      case "topology:0" -> {
        require(exchange, client, "Topology");
        requireMethod(method, "GET", path);
        json(exchange, 200, topology());
      }
      case "process-instances:1" -> {
        require(exchange, client, "Search");
        if (parts[3].equals("search")) {
          requireMethod(method, "POST", path);
          json(exchange, 200, processInstances.run(dataSource, body(exchange)));
        } else {
          requireMethod(method, "GET", path);
          json(exchange, 200, single(processInstances, "processInstanceKey", key(parts[3]), "process instance"));
        }
      }
      case "process-instances:3" -> {
        require(exchange, client, "Search");
        requireMethod(method, "GET", path);
        long key = key(parts[3]);
        if (parts[4].equals("statistics") && parts[5].equals("element-instances")) {
          json(exchange, 200, Map.of("items", statistics(key)));
        } else {
          throw Problem.notFound("no such endpoint: " + method + " " + path);
        }
      }
      case "process-instances:2" -> {
        require(exchange, client, "Search");
        requireMethod(method, "GET", path);
        if (!parts[4].equals("sequence-flows")) {
          throw Problem.notFound("no such endpoint: " + method + " " + path);
        }
        json(exchange, 200, Map.of("items", sequenceFlows(key(parts[3]))));
      }
      case "element-instances:1" -> {
        require(exchange, client, "Search");
        if (parts[3].equals("search")) {
          requireMethod(method, "POST", path);
          json(exchange, 200, elementInstances.run(dataSource, body(exchange)));
        } else {
          requireMethod(method, "GET", path);
          json(exchange, 200, single(elementInstances, "elementInstanceKey", key(parts[3]), "element instance"));
        }
      }
      case "incidents:1" -> {
        require(exchange, client, "Search");
        if (parts[3].equals("search")) {
          requireMethod(method, "POST", path);
          json(exchange, 200, incidents.run(dataSource, body(exchange)));
        } else {
          requireMethod(method, "GET", path);
          json(exchange, 200, single(incidents, "incidentKey", key(parts[3]), "incident"));
        }
      }
      case "incidents:2" -> {
        require(exchange, client, "ResolveIncident");
        requireMethod(method, "POST", path);
        if (!parts[4].equals("resolution")) {
          throw Problem.notFound("no such endpoint: " + method + " " + path);
        }
        await(processor.resolveIncident(key(parts[3])), "RESOLVE", client);
        noContent(exchange);
      }
      case "jobs:1" -> {
        requireMethod(method, "PATCH", path);
        updateJob(exchange, client, key(parts[3]));
      }
      case "process-definitions:2" -> {
        require(exchange, client, "Search");
        requireMethod(method, "GET", path);
        if (!parts[4].equals("xml")) {
          throw Problem.notFound("no such endpoint: " + method + " " + path);
        }
        byte[] xml = processXml(key(parts[3]));
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(200, xml.length);
        exchange.getResponseBody().write(xml);
      }
      default -> throw Problem.notFound("no such endpoint: " + method + " " + path);
    }
  }

  private void updateJob(HttpExchange exchange, Optional<EngineClient> client, long jobKey)
      throws Problem, IOException {
    JsonNode changeset = body(exchange).path("changeset");
    if (!changeset.isObject() || (!changeset.hasNonNull("retries") && !changeset.hasNonNull("timeout"))) {
      throw Problem.badRequest("expected {\"changeset\": {\"retries\": n, \"timeout\": ms}} with at least one of them");
    }
    boolean retries = changeset.hasNonNull("retries");
    boolean timeout = changeset.hasNonNull("timeout");
    // both permissions first: a changeset is applied whole or refused whole
    if (retries) {
      require(exchange, client, "UpdateJobRetries");
    }
    if (timeout) {
      require(exchange, client, "UpdateJobTimeout");
    }
    java.util.function.Predicate<String> mayHandle =
        client.<java.util.function.Predicate<String>>map(c -> c.permissions()::mayHandleJobType)
            .orElse(CommandProcessor.ANY_JOB_TYPE);
    if (retries) {
      await(processor.updateJobRetries(jobKey, changeset.get("retries").asInt(), mayHandle), "UPDATE_RETRIES",
          client);
    }
    if (timeout) {
      await(processor.updateJobTimeout(jobKey, changeset.get("timeout").asLong(), mayHandle), "UPDATE_TIMEOUT",
          client);
    }
    noContent(exchange);
  }

  private Map<String, Object> single(Search search, String keyField, long key, String what)
      throws Problem, SQLException {
    JsonNode request = JSON.createObjectNode().set("filter", JSON.createObjectNode().put(keyField, Long.toString(key)));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) search.run(dataSource, request).get("items");
    if (items.isEmpty()) {
      throw Problem.notFound(what + " with key " + key + " not found");
    }
    return items.get(0);
  }

  private List<Map<String, Object>> statistics(long processInstanceKey) throws SQLException {
    Map<String, Map<String, Object>> byElement = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "select element_id, count(*) filter (where state not in ('COMPLETED', 'TERMINATED')),"
                  + " count(*) filter (where state = 'COMPLETED'), count(*) filter (where state = 'TERMINATED')"
                  + " from " + schema + ".element_instance where process_instance_key = ?"
                  + " and element_type <> 'MULTI_INSTANCE_BODY' group by element_id order by element_id")) {
        s.setLong(1, processInstanceKey);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("elementId", r.getString(1));
            item.put("active", r.getLong(2));
            item.put("canceled", r.getLong(4));
            item.put("incidents", 0L);
            item.put("completed", r.getLong(3));
            byElement.put(r.getString(1), item);
          }
        }
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "select element_id, count(*) from " + schema + ".incident where process_instance_key = ?"
                  + " and state = 'ACTIVE' group by element_id")) {
        s.setLong(1, processInstanceKey);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            Map<String, Object> item = byElement.computeIfAbsent(r.getString(1), id -> {
              Map<String, Object> empty = new LinkedHashMap<>();
              empty.put("elementId", id);
              empty.put("active", 0L);
              empty.put("canceled", 0L);
              empty.put("completed", 0L);
              return empty;
            });
            item.put("incidents", r.getLong(2));
          }
        }
      }
    }
    return new ArrayList<>(byElement.values());
  }

  private List<Map<String, Object>> sequenceFlows(long processInstanceKey) throws SQLException {
    List<Map<String, Object>> items = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select f.flow_id, p.process_definition_key, p.bpmn_process_id from " + schema + ".taken_flow f"
                    + " join " + schema + ".process_instance p using (process_instance_key)"
                    + " where f.process_instance_key = ? order by f.flow_id")) {
      s.setLong(1, processInstanceKey);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("sequenceFlowId", r.getString(1));
          item.put("processInstanceKey", Long.toString(processInstanceKey));
          item.put("processDefinitionKey", Long.toString(r.getLong(2)));
          item.put("processDefinitionId", r.getString(3));
          item.put("elementId", r.getString(1));
          item.put("tenantId", Searches.TENANT);
          items.add(item);
        }
      }
    }
    return items;
  }

  private byte[] processXml(long processDefinitionKey) throws Problem, SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select resource from " + schema + ".process_definition where process_definition_key = ?")) {
      s.setLong(1, processDefinitionKey);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw Problem.notFound("process definition with key " + processDefinitionKey + " not found");
        }
        return r.getBytes(1);
      }
    }
  }

  private Map<String, Object> topology() {
    Map<String, Object> partition = new LinkedHashMap<>();
    partition.put("partitionId", 1);
    partition.put("role", "leader");
    partition.put("health", "healthy");
    Map<String, Object> broker = new LinkedHashMap<>();
    broker.put("nodeId", 0);
    broker.put("host", "127.0.0.1");
    broker.put("port", grpcPort.getAsInt());
    broker.put("partitions", List.of(partition));
    broker.put("version", version);
    Map<String, Object> topology = new LinkedHashMap<>();
    topology.put("brokers", List.of(broker));
    topology.put("clusterSize", 1);
    topology.put("partitionsCount", 1);
    topology.put("replicationFactor", 1);
    topology.put("gatewayVersion", version);
    return topology;
  }

  // ---------------------------------------------------------------- plumbing

  private Optional<EngineClient> authenticate(HttpExchange exchange) throws Problem {
    if (tokens == null) {
      return Optional.empty();
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    Optional<EngineClient> client =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? tokens.authenticate(header.substring(7).trim())
            : Optional.empty();
    if (client.isEmpty()) {
      throw new Problem(401, "UNAUTHORIZED", header == null
          ? "the FLEP engine requires an OAuth 2 bearer token (client credentials from " + TokenEndpoint.PATH + ")"
          : "the bearer token is not valid for this engine (forged, expired, for another audience or another engine"
              + " instance, or its client was removed): fetch a new one from " + TokenEndpoint.PATH);
    }
    return client;
  }

  /** @throws Problem 403 naming the client, the command and the route, if the client may not use the command */
  private static void require(HttpExchange exchange, Optional<EngineClient> client, String command) throws Problem {
    if (client.isPresent() && !client.get().permissions().mayUse(command)) {
      throw new Problem(403, "FORBIDDEN", "client '" + client.get().id() + "' may not use " + command
          + " (" + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + ")");
    }
  }

  private static void requireMethod(String method, String expected, String path) throws Problem {
    if (!method.equals(expected)) {
      throw new Problem(405, "METHOD_NOT_ALLOWED", path + " answers " + expected + ", not " + method);
    }
  }

  private static long key(String text) throws Problem {
    if (!KEY.matcher(text).matches()) {
      throw Problem.badRequest("'" + text + "' is not a key");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw Problem.badRequest("'" + text + "' is not a key");
    }
  }

  private static JsonNode body(HttpExchange exchange) throws Problem, IOException {
    byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
    if (bytes.length > MAX_BODY) {
      throw new Problem(413, "PAYLOAD_TOO_LARGE", "request bodies are limited to " + MAX_BODY + " bytes");
    }
    if (bytes.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw Problem.badRequest("the request body is not valid JSON: " + e.getMessage());
    }
  }

  private static void await(CompletableFuture<?> command, String intent, Optional<EngineClient> client)
      throws Problem {
    try {
      command.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Rejection rejection) {
        int status = switch (rejection.type()) {
          case NOT_FOUND -> 404;
          case INVALID_STATE, ALREADY_EXISTS -> 409;
          case INVALID_ARGUMENT -> 400;
          case FORBIDDEN -> 403;
        };
        String who = rejection.type() == Rejection.Type.FORBIDDEN && client.isPresent()
            ? "client '" + client.get().id() + "': " : "";
        throw new Problem(
            status, rejection.type().name(),
            who + "Command '" + intent + "' rejected with code '" + rejection.type() + "': " + rejection.getMessage());
      }
      throw new Problem(503, "UNAVAILABLE", String.valueOf(e.getCause().getMessage()));
    } catch (TimeoutException e) {
      throw new Problem(504, "TIMEOUT", "the engine did not answer within 30 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Problem(503, "UNAVAILABLE", "interrupted");
    }
  }

  private static void json(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static void noContent(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(204, -1);
  }

  private void problem(HttpExchange exchange, Problem problem) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", problem.getMessage());
    body.put("instance", exchange.getRequestURI().getPath());
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
    if (problem.status() == 401 && tokens != null) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + tokens.audience() + "\"");
    }
    exchange.sendResponseHeaders(problem.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
  }


}
