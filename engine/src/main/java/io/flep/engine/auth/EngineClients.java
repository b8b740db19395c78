package io.flep.engine.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * Only hashes of secrets are stored ({@link SecretHash}). {@link #watching} reads the file again when it changes, so
 * that a client taken out of it (a revoked party) is refused from then on, its unexpired tokens included.
 */
public final class EngineClients {
  private static final Logger LOG = LoggerFactory.getLogger(EngineClients.class);
  /** How often a watched file is looked at, at most. */
  private static final long RECHECK_NANOS = 1_000_000_000L;

  private volatile Map<String, EngineClient> clients;
  private final Path source;
  private volatile FileTime sourceModified;
  private volatile long sourceSize;
  private volatile long checkedAt;

  private EngineClients(Map<String, EngineClient> clients, Path source) {
    this.clients = clients;
    this.source = source;
    if (source != null) {
      try {
        this.sourceModified = Files.getLastModifiedTime(source);
        this.sourceSize = Files.size(source);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the engine clients file " + source + ": " + e.getMessage(), e);
      }
      this.checkedAt = System.nanoTime();
    }
  }

  public static EngineClients of(List<EngineClient> clients) {
    Map<String, EngineClient> byId = new LinkedHashMap<>();
    for (EngineClient client : clients) {
      if (byId.put(client.id(), client) != null) {
        throw new IllegalArgumentException("client '" + client.id() + "' is listed twice");
      }
    }
    return new EngineClients(byId, null);
  }

  /** Reads the clients file once; errors name the file and the entry. */
  public static EngineClients load(Path file) {
    return of(parse(file));
  }

  /**
   * Reads the clients file, and again whenever its modification time or size changes (looked at no more than once a
   * second, on a client's next call). A change that does not read keeps the clients of the last good version, with
   * an error in the log naming the file and what is wrong.
   */
  public static EngineClients watching(Path file) {
    EngineClients first = of(parse(file));
    return new EngineClients(first.clients, file);
  }

  private static List<EngineClient> parse(Path file) {
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
    return clients;
  }

  /** The clients file's text for these clients (secret hashes, never secrets). */
  public String toJson() {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    ArrayNode list = root.putArray("clients");
    for (EngineClient client : current().values()) {
      ObjectNode entry = list.addObject();
      entry.put("id", client.id());
      entry.put("secretHash", client.secret().toString());
      client.permissions().commands().stream().sorted().forEach(entry.withArray("commands")::add);
      client.permissions().jobTypes().forEach(entry.withArray("jobTypes")::add);
    }
    try {
      return json.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the engine clients as JSON", e);
    }
  }

  /** Every client, in the order listed. */
  public Collection<EngineClient> all() {
    return List.copyOf(current().values());
  }

  /** These clients with {@code client} added, or in place of the one with its id. */
  public EngineClients with(EngineClient client) {
    Map<String, EngineClient> byId = new LinkedHashMap<>(current());
    byId.put(client.id(), client);
    return new EngineClients(byId, null);
  }

  /** These clients without the one called {@code id}, if listed. */
  public EngineClients without(String id) {
    Map<String, EngineClient> byId = new LinkedHashMap<>(current());
    byId.remove(id);
    return new EngineClients(byId, null);
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
    return Optional.ofNullable(current().get(id));
  }

  /** The client whose id and secret these are, if any. */
  public Optional<EngineClient> authenticate(String id, char[] secret) {
    Optional<EngineClient> found = check(current().get(id), secret);
    if (found.isEmpty() && source != null && reloadIfChanged(true)) {
      // enrolled (or issued a new secret) a moment ago: the file changed since it was last looked at
      found = check(clients.get(id), secret);
    }
    return found;
  }

  private static Optional<EngineClient> check(EngineClient client, char[] secret) {
    if (client == null) {
      UnknownClient.HASH.matches(secret); // same work as for a known id: no timing hint which ids exist
      return Optional.empty();
    }
    return client.secret().matches(secret) ? Optional.of(client) : Optional.empty();
  }

  private Map<String, EngineClient> current() {
    if (source != null && System.nanoTime() - checkedAt > RECHECK_NANOS) {
      reloadIfChanged(false);
    }
    return clients;
  }

  /**
   * Reads the watched file again if it changed; {@code now} looks at it even within a second of the last look (a
   * client the engine does not know yet or whose secret does not match: a file read costs little next to the secret's
   * hash). Returns whether the clients changed.
   */
  private synchronized boolean reloadIfChanged(boolean now) {
    if (!now && System.nanoTime() - checkedAt <= RECHECK_NANOS) {
      return false;
    }
    checkedAt = System.nanoTime();
    try {
      FileTime modified = Files.getLastModifiedTime(source);
      long size = Files.size(source);
      if (modified.equals(sourceModified) && size == sourceSize) {
        return false;
      }
      sourceModified = modified; // a version that does not read is reported once, not every second
      sourceSize = size;
      Map<String, EngineClient> reloaded = of(parse(source)).clients;
      clients = reloaded;
      LOG.info("engine clients reloaded from {}: {}", source, reloaded.keySet());
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.error("the engine clients file {} changed but does not read ({}); the engine keeps the {} clients it had",
          source, e.getMessage(), clients.size());
      return false;
    }
  }

  private static final class UnknownClient {
    static final SecretHash HASH = SecretHash.of("unknown-client-placeholder".toCharArray());
  }
}
