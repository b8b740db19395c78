package io.flep.exchange;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What an exchange object says about itself, all of it covered by the producer's signature: the run it belongs to,
 * its kind, who produced it in which role, small attributes (a round, a key id, a recipient) and the SHA-256 of its
 * content. No time stamp: the same statement published twice (a retried task) is the same object, at one address.
 */
public record ObjectHeader(UUID runId, String kind, String producer, String producerRole,
    Map<String, String> attributes, String contentSha256) {

  public ObjectHeader {
    checkName("kind", kind);
    checkName("producer", producer);
    checkName("producer role", producerRole);
    attributes = Map.copyOf(new TreeMap<>(attributes));
  }

  /** An attribute the object must carry. */
  public String attribute(String name) {
    String value = attributes.get(name);
    if (value == null) {
      throw new ExchangeIntegrityException("exchange object " + kind + " by " + producer + " lacks attribute '" + name
          + "'");
    }
    return value;
  }

  public static void checkName(String what, String value) {
    if (value == null || !value.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
      throw new IllegalArgumentException("an exchange " + what
          + " is 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit: '" + value + "'");
    }
  }
}
