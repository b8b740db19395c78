package io.flep.workers.party;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flep.exchange.ExchangeRef;
import io.flep.exchange.VerifiedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Signed statements in the exchange: small JSON facts a party states about a run (a task it finished, a round it
 * published) so that whoever follows the run — the coordinator writing the report, an auditor — learns them from the
 * exchange instead of from the party's store. A statement is public: it never carries data, keys or models.
 */
@Component
public class Statements {
  private final ExchangeObjects exchange;
  private final io.flep.exchange.Exchange raw;
  private final ObjectMapper json;
  /** Verified statements by address (objects never change); bounded, as a long-lived coordinator sees many runs. */
  private final Map<String, Map<String, Object>> verified = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
          return size() > 20_000;
        }
      });

  public Statements(ExchangeObjects exchange, io.flep.exchange.Exchange raw, ObjectMapper json) {
    this.exchange = exchange;
    this.raw = raw;
    this.json = json;
  }

  /** Publishes {@code fact} as {@code party}'s statement of this kind. */
  public ExchangeRef publish(PartyIdentity party, UUID runId, String kind, Map<String, String> attributes,
      Map<String, Object> fact) {
    try {
      return exchange.publish(party, runId, kind, attributes, json.writeValueAsBytes(fact));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a statement is JSON: " + e.getMessage(), e);
    }
  }

  /** A verified statement with its producer. */
  public record Statement(String address, String producer, String producerRole, Map<String, Object> fact) {}

  /** Every statement of this kind in the run, each verified (once: objects never change), in listing order. */
  public List<Statement> all(UUID runId, String kind, String... producerRoles) {
    List<Statement> statements = new ArrayList<>();
    for (ExchangeRef ref : raw.list(runId, kind)) {
      Map<String, Object> fact = verified.get(ref.address());
      if (fact == null) {
        fact = parse(exchange.fetch(ref, producerRoles)); // outside the lock: a fetch reads storage
        verified.put(ref.address(), fact);
      }
      statements.add(new Statement(ref.address(), ref.producer(), String.valueOf(fact.get("@role")), fact));
    }
    return statements;
  }

  private Map<String, Object> parse(VerifiedObject object) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> fact = new java.util.LinkedHashMap<>(json.readValue(object.content(), Map.class));
      fact.put("@role", object.header().producerRole());
      return fact;
    } catch (java.io.IOException e) {
      throw new io.flep.workers.failure.IntegrityViolationException("statement " + object.ref() + " is not JSON: "
          + e.getMessage(), e);
    }
  }
}
