package io.flep.workers.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flep.exchange.Exchange;
import io.flep.exchange.ExchangeIntegrityException;
import io.flep.exchange.ExchangeRef;
import io.flep.exchange.ExchangeStorage;
import io.flep.exchange.PartyCredential;
import io.flep.exchange.PartyDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The chain heads a party stated in the exchange: every {@value #STATEMENT_KIND} statement (one per task it
 * finished) carries {@value #FIELD} {@code {seq, entryHash}}, its chain's last entry at that moment, signed with its
 * identity key. They anchor the chain outside the party's store: an entry the party once stated that is now missing
 * or different means the chain was cut short or rewritten — even by the party itself, as long as its statements
 * stay in the exchange.
 */
public final class AuditAnchors {
  /** The kind of the statements that carry heads: the task package's stage records ({@code StageStatements}). */
  public static final String STATEMENT_KIND = "stage-record";
  /** The statement field that carries the head. */
  public static final String FIELD = "auditHead";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExchangeStorage storage;
  private final Exchange exchange;
  private final PartyDirectory directory;

  public AuditAnchors(ExchangeStorage storage, PartyDirectory directory) {
    this.storage = storage;
    this.exchange = new Exchange(storage, directory);
    this.directory = directory;
  }

  /**
   * Checks every head {@code party} stated in the exchange against its chain in {@code db}.
   *
   * @param checked called once per head found and checked
   * @return the first stated head that is not in the chain, if any
   */
  Optional<AuditChainVerifier.Problem> check(Connection db, String party, Runnable checked) throws SQLException {
    PartyCredential credential = directory.find(party).orElseThrow();
    for (ExchangeRef ref : statementsOf(party)) {
      JsonNode head;
      try {
        head = JSON.readTree(exchange.fetch(ref, Set.of(credential.role())).content()).get(FIELD);
      } catch (ExchangeIntegrityException | IOException e) {
        return Optional.of(new AuditChainVerifier.Problem(0, "its statement " + ref + " of run " + ref.runId()
            + " in the exchange does not verify, so the chain head it states cannot be checked: "
            + e.getMessage()));
      }
      if (head == null || !head.hasNonNull("seq") || !head.hasNonNull("entryHash")) {
        continue; // a statement made before audit chains
      }
      checked.run();
      long seq = head.get("seq").asLong();
      String stated = head.get("entryHash").asText();
      Optional<String> actual = entryHash(db, party, seq);
      if (actual.isEmpty()) {
        return Optional.of(new AuditChainVerifier.Problem(seq, "entry " + seq + ", which the party stated as its"
            + " chain head in the exchange (" + ref + " of run " + ref.runId() + "), is missing: the chain was cut"
            + " short"));
      }
      if (!actual.get().equals(stated)) {
        return Optional.of(new AuditChainVerifier.Problem(seq, "entry " + seq + " has hash "
            + AuditChainVerifier.abbreviate(actual.get()) + " but the party stated "
            + AuditChainVerifier.abbreviate(stated) + " in the exchange (" + ref + " of run " + ref.runId()
            + "): the chain was rewritten"));
      }
    }
    return Optional.empty();
  }

  /** Every stage statement of {@code party} in the exchange, of every run. */
  private List<ExchangeRef> statementsOf(String party) {
    List<ExchangeRef> refs = new ArrayList<>();
    try {
      for (String key : storage.list("runs/")) {
        String[] parts = key.split("/"); // runs/<run>/<kind>/<producer>/<address>
        if (parts.length == 5 && parts[2].equals(STATEMENT_KIND) && parts[3].equals(party)) {
          try {
            refs.add(new ExchangeRef(parts[4], UUID.fromString(parts[1]), parts[2], parts[3]));
          } catch (IllegalArgumentException e) {
            // not an object key (a stray file): nothing stated there
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list the exchange at " + storage.location() + ": " + e.getMessage(),
          e);
    }
    return refs;
  }

  private static Optional<String> entryHash(Connection db, String party, long seq) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("select entry_hash from audit_entry where party = ? and seq = ?")) {
      ps.setString(1, party);
      ps.setLong(2, seq);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }
}
