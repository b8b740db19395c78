package io.flep.exchange;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A claim check for an exchange object, what a process variable carries: the SHA-256 of the object's stored bytes
 * (its address), and the run, kind and producer it must turn out to have. A consumer fetching it gets exactly those
 * bytes or an {@link ExchangeIntegrityException}.
 */
public record ExchangeRef(String address, UUID runId, String kind, String producer) {

  public ExchangeRef {
    if (address == null || !address.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("an exchange address is 64 lowercase hex digits (SHA-256), got " + address);
    }
    ObjectHeader.checkName("kind", kind);
    ObjectHeader.checkName("producer", producer);
    if (runId == null) {
      throw new IllegalArgumentException("an exchange reference names its run");
    }
  }

  /** The storage key: {@code runs/<run>/<kind>/<producer>/<address>}. */
  public String key() {
    return prefix(runId, kind) + producer + "/" + address;
  }

  static String prefix(UUID runId, String kind) {
    return "runs/" + runId + "/" + kind + "/";
  }

  /** Parses a storage key written by {@link #key()}. */
  static ExchangeRef fromKey(String key) {
    String[] parts = key.split("/");
    if (parts.length != 5 || !parts[0].equals("runs")) {
      throw new IllegalArgumentException("not an exchange object key: " + key);
    }
    return new ExchangeRef(parts[4], UUID.fromString(parts[1]), parts[2], parts[3]);
  }

  public Map<String, Object> toVariable() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("address", address);
    map.put("runId", runId.toString());
    map.put("kind", kind);
    map.put("producer", producer);
    return map;
  }

  /**
   * Reads a reference from a process variable.
   *
   * @throws IllegalArgumentException naming the variable when it is not a reference
   */
  public static ExchangeRef fromVariable(String name, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("process variable '" + name
          + "' is not an exchange reference {address, runId, kind, producer}: " + value);
    }
    try {
      return new ExchangeRef(String.valueOf(map.get("address")), UUID.fromString(String.valueOf(map.get("runId"))),
          String.valueOf(map.get("kind")), String.valueOf(map.get("producer")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("process variable '" + name + "' is not a valid exchange reference: "
          + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return kind + " " + address.substring(0, 12) + " by " + producer;
  }
}
