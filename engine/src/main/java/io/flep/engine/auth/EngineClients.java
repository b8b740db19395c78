package io.flep.engine.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The clients an engine accepts, read from a JSON file the operator keeps (owner-only):
 *
 * <pre>{@code
 * {"clients": [
 *   {"id": "analyst-a", "secretHash": "pbkdf2-sha256$210000$...$...",
 *    "commands": ["ActivateJobs", "CompleteJob", "FailJob", "ThrowError"],
 *    "jobTypes": ["flep.analyst-a.*"]}
 * ]}
 * }</pre>
 *
 * Only hashes of secrets are stored ({@link SecretHash}).
 */
public final class EngineClients {
  private final Map<String, EngineClient> clients;

  private EngineClients(Map<String, EngineClient> clients) {
    this.clients = clients;
  }

  public static EngineClients of(List<EngineClient> clients) {
    Map<String, EngineClient> byId = new LinkedHashMap<>();
    for (EngineClient client : clients) {
      if (byId.put(client.id(), client) != null) {
        throw new IllegalArgumentException("client '" + client.id() + "' is listed twice");
      }
    }
    return new EngineClients(byId);
  }

  /** Reads the clients file; errors name the file and the entry. */
  public static EngineClients load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the engine clients file " + file + ": " + e.getMessage(), e);
    }
    JsonNode list = root == null ? null : root.get("clients");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(file + ": expected {\"clients\": [...]}");
    }
    List<EngineClient> clients = new ArrayList<>();
    int index = 0;
    for (JsonNode entry : list) {
      String where = file + ": clients[" + index++ + "]";
      try {
        clients.add(
            new EngineClient(
                text(entry, "id"),
                SecretHash.parse(text(entry, "secretHash")),
                new ClientPermissions(strings(entry, "commands"), List.copyOf(strings(entry, "jobTypes")))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return of(clients);
  }

  private static String text(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' must be a string");
    }
    return value.asText();
  }

  private static Set<String> strings(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    Set<String> result = new LinkedHashSet<>();
    if (value == null) {
      return result;
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException("'" + field + "' must be a list of strings");
    }
    value.forEach(v -> result.add(v.asText()));
    return result;
  }

  public Optional<EngineClient> client(String id) {
    return Optional.ofNullable(clients.get(id));
  }

  /** The client whose id and secret these are, if any. */
  public Optional<EngineClient> authenticate(String id, char[] secret) {
    EngineClient client = clients.get(id);
    if (client == null) {
      UnknownClient.HASH.matches(secret); // same work as for a known id: no timing hint which ids exist
      return Optional.empty();
    }
    return client.secret().matches(secret) ? Optional.of(client) : Optional.empty();
  }

  private static final class UnknownClient {
    static final SecretHash HASH = SecretHash.of("unknown-client-placeholder".toCharArray());
  }
}
