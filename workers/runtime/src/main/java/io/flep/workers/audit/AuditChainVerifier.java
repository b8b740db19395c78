package io.flep.workers.audit;

import io.flep.exchange.ExchangeIntegrityException;
import io.flep.exchange.ExchangeStorage;
import io.flep.exchange.PartyCredential;
import io.flep.exchange.PartyDirectory;
import io.flep.exchange.Sha256;
import io.flep.plugin.api.key.KeyMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Verifies the audit chains in one party store, from each party's first entry: the entries are numbered 1, 2, 3, …
 * without a gap; each names the previous one's hash; each hash is recomputed from the entry's fields
 * ({@link AuditEntryCodec}); each signature verifies under the party's Ed25519 identity key as its store holds it —
 * and, given the exchange, that key must be the credential the exchange holds for the party; every referenced key,
 * artifact and contribution is in the store with the referenced digest; given the exchange, every referenced
 * exchange object is there with that address, and every chain head the party stated in the exchange
 * ({@link AuditAnchors}) is an entry of its chain. A party whose identity key is in the store but whose chain is
 * empty fails too (the chain was removed). Reads only; needs no key-encryption key.
 */
public final class AuditChainVerifier {
  private static final int PAGE = 1000;

  private final Connection db;
  private final Optional<Exchange> exchange;
  private final Consumer<String> progress;

  /** The exchange to check credentials, referenced objects and stated chain heads against. */
  public record Exchange(ExchangeStorage storage, PartyDirectory directory) {}

  /** The first problem in a party's chain: the entry's seq (0: the party's key, not an entry) and what is wrong. */
  public record Problem(long seq, String what) {}

  /**
   * One party's chain: how many entries verified, how many references were checked, and the first problem found
   * (checking stops there; what follows a broken entry proves nothing).
   */
  public record PartyChain(String party, long entries, long refsChecked, long anchorsChecked, Problem problem) {
    public boolean ok() {
      return problem == null;
    }
  }

  /** Every party's chain in the store. */
  public record Result(List<PartyChain> parties, boolean exchangeChecked) {
    public boolean ok() {
      return parties.stream().allMatch(PartyChain::ok);
    }
  }

  /**
   * @param progress told a line every {@value #PAGE} entries of a long chain
   */
  public AuditChainVerifier(Connection db, Optional<Exchange> exchange, Consumer<String> progress) {
    this.db = db;
    this.exchange = exchange;
    this.progress = progress;
  }

  /** Verifies every party's chain in the store, or only {@code onlyParty}'s when it is given. */
  public Result verify(Optional<String> onlyParty) throws SQLException {
    if (strings("select to_regclass('audit_entry')::text").get(0) == null) {
      throw new IllegalStateException("this store has no audit chains yet (no table audit_entry): it was last run by"
          + " a FLEP without them; start the party once to bring its store up to date");
    }
    TreeSet<String> parties = new TreeSet<>(strings("select distinct party from audit_entry"));
    parties.addAll(strings("select owner from key_material where purpose = 'IDENTITY' and run_id is null"));
    List<PartyChain> chains = new ArrayList<>();
    for (String party : parties) {
      if (onlyParty.isEmpty() || onlyParty.get().equals(party)) {
        chains.add(verifyParty(party));
      }
    }
    if (onlyParty.isPresent() && chains.isEmpty()) {
      chains.add(new PartyChain(onlyParty.get(), 0, 0, 0, new Problem(1,
          "this store has neither an audit chain nor an identity key of party '" + onlyParty.get() + "'")));
    }
    return new Result(chains, exchange.isPresent());
  }

  private PartyChain verifyParty(String party) throws SQLException {
    Counts counts = new Counts(party);
    Optional<PublicKey> key;
    try {
      key = identityKey(party);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return counts.failed(0, "its identity key in this store is unreadable: " + e.getMessage());
    }
    if (key.isEmpty()) {
      return counts.failed(0, "this store holds no identity key of the party to verify its signatures with");
    }
    if (exchange.isPresent()) {
      Optional<PartyCredential> credential;
      try {
        credential = exchange.get().directory().find(party);
      } catch (ExchangeIntegrityException e) {
        return counts.failed(0, "its credential in the exchange is not acceptable: " + e.getMessage());
      }
      if (credential.isEmpty()) {
        return counts.failed(0, "the exchange holds no credential of the party");
      }
      if (!Arrays.equals(credential.get().signingKey(), key.get().getEncoded())) {
        return counts.failed(0, "its identity key in this store is not the signing key of its credential in the"
            + " exchange: the key in the store was replaced");
      }
    }
    String prevHash = AuditEntryCodec.GENESIS;
    long expected = 1;
    List<AuditEntry> page;
    do {
      page = page(party, expected - 1);
      for (AuditEntry entry : page) {
        if (entry.seq() != expected) {
          return counts.failed(expected, "entry " + expected + " is missing: the chain goes from " + (expected - 1)
              + " to " + entry.seq() + " (entries were deleted)");
        }
        Optional<String> problem = checkEntry(entry, prevHash, key.get(), counts);
        if (problem.isPresent()) {
          return counts.failed(entry.seq(), problem.get());
        }
        prevHash = entry.entryHash();
        counts.entries++;
        expected++;
      }
      if (page.size() == PAGE) {
        progress.accept(party + ": " + counts.entries + " entries verified");
      }
    } while (page.size() == PAGE);
    if (counts.entries == 0) {
      return counts.failed(1, "the party's identity key is in this store but its audit chain is empty: the chain"
          + " was removed (every party records the issue of its identity key)");
    }
    if (exchange.isPresent()) {
      Optional<Problem> anchors = new AuditAnchors(exchange.get().storage(), exchange.get().directory())
          .check(db, party, counts::anchorChecked);
      if (anchors.isPresent()) {
        return counts.failed(anchors.get().seq(), anchors.get().what());
      }
    }
    return counts.done();
  }

  private Optional<String> checkEntry(AuditEntry entry, String prevHash, PublicKey key, Counts counts)
      throws SQLException {
    if (entry.type() == null) {
      return Optional.of("its type is not an audit event type (the entry was edited)");
    }
    if (!entry.prevHash().equals(prevHash)) {
      return Optional.of("it does not name the previous entry's hash (" + abbreviate(entry.prevHash()) + " instead of "
          + abbreviate(prevHash) + "): an entry before it was replaced or removed");
    }
    if (!AuditEntryCodec.entryHash(entry).equals(entry.entryHash())) {
      return Optional.of("its hash does not match its content: the entry was edited");
    }
    if (!verifies(key, AuditEntryCodec.signedMessage(entry.entryHash()), entry.signature())) {
      return Optional.of("its signature is not the party's: the entry was forged or re-signed with another key");
    }
    for (AuditRef ref : entry.refs()) {
      Optional<String> problem = checkRef(ref, counts);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private Optional<String> checkRef(AuditRef ref, Counts counts) throws SQLException {
    Optional<byte[]> content;
    switch (ref.kind()) {
      case AuditRef.KEY -> content = bytes("select public_part from key_material where id = ?", uuid(ref.id()));
      case AuditRef.ARTIFACT -> content = bytes("select content from artifact where id = ?", uuid(ref.id()));
      case AuditRef.CONTRIBUTION -> {
        String[] parts = ref.id().split("/", 3);
        if (parts.length != 3 || !parts[1].matches("\\d{1,9}")) {
          return Optional.of("its contribution reference '" + ref.id() + "' is malformed");
        }
        content = bytes("select ciphertext from signed_contribution where he_key = ? and round = ? and analyst = ?",
            parts[0], Integer.parseInt(parts[1]), parts[2]);
      }
      case AuditRef.EXCHANGE -> {
        if (exchange.isEmpty()) {
          return Optional.empty();
        }
        try {
          content = exchange.get().storage().get(ref.id());
        } catch (IOException e) {
          throw new UncheckedIOException("could not read " + ref.id() + " from the exchange at "
              + exchange.get().storage().location() + ": " + e.getMessage(), e);
        }
      }
      case AuditRef.DIGEST -> {
        return Optional.empty();
      }
      default -> {
        return Optional.of("it references an unknown kind '" + ref.kind() + "'");
      }
    }
    counts.refsChecked++;
    if (content.isEmpty()) {
      return Optional.of("the " + ref.kind() + " " + ref.id() + " it references is not in the "
          + (ref.kind().equals(AuditRef.EXCHANGE) ? "exchange" : "store") + " (removed)");
    }
    String actual = Sha256.hex(content.get());
    if (!actual.equals(ref.sha256())) {
      return Optional.of("the " + ref.kind() + " " + ref.id() + " it references has SHA-256 " + abbreviate(actual)
          + ", not the recorded " + abbreviate(ref.sha256()) + ": it was altered");
    }
    return Optional.empty();
  }

  private Optional<PublicKey> identityKey(String party) throws SQLException, GeneralSecurityException {
    Optional<byte[]> stored = bytes("select public_part from key_material where owner = ? and purpose = 'IDENTITY'"
        + " and run_id is null", party);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    byte[] x509 = KeyMaterial.deserialize(stored.get()).publicPart();
    return Optional.of(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509)));
  }

  private static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private List<AuditEntry> page(String party, long afterSeq) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("select party, seq, recorded_at, type, run_id, detail,"
        + " refs::text, prev_hash, entry_hash, signature from audit_entry where party = ? and seq > ?"
        + " order by seq limit " + PAGE)) {
      ps.setString(1, party);
      ps.setLong(2, afterSeq);
      try (ResultSet rs = ps.executeQuery()) {
        List<AuditEntry> entries = new ArrayList<>(PAGE);
        while (rs.next()) {
          entries.add(entry(rs));
        }
        return entries;
      }
    }
  }

  /**
   * Reads an entry row; a type that is not an {@link AuditEventType} reads as null, references that do not parse
   * as none (the hash check then fails).
   */
  static AuditEntry entry(ResultSet rs) throws SQLException {
    AuditEventType type;
    try {
      type = AuditEventType.valueOf(rs.getString("type"));
    } catch (IllegalArgumentException e) {
      type = null;
    }
    List<AuditRef> refs;
    try {
      refs = AuditEntryCodec.refsFromJson(rs.getString("refs"));
    } catch (IllegalArgumentException e) {
      refs = List.of(new AuditRef(AuditRef.DIGEST, "unreadable references", AuditEntryCodec.GENESIS));
    }
    return new AuditEntry(rs.getString("party"), rs.getLong("seq"),
        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), type, rs.getObject("run_id", UUID.class),
        rs.getString("detail"), refs, rs.getString("prev_hash"), rs.getString("entry_hash"),
        rs.getBytes("signature"));
  }

  private Optional<byte[]> bytes(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
      }
    }
  }

  private List<String> strings(String sql) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return new UUID(0, 0); // a malformed id finds nothing: reported as missing
    }
  }

  static String abbreviate(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
  }

  /** What has been verified of one party's chain so far. */
  private static final class Counts {
    final String party;
    long entries;
    long refsChecked;
    long anchorsChecked;

    Counts(String party) {
      this.party = party;
    }

    void anchorChecked() {
      anchorsChecked++;
    }

    PartyChain failed(long seq, String what) {
      return new PartyChain(party, entries, refsChecked, anchorsChecked, new Problem(seq, what));
    }

    PartyChain done() {
      return new PartyChain(party, entries, refsChecked, anchorsChecked, null);
    }
  }
}
