package io.flep.workers.audit;

import io.flep.workers.config.FlepProperties;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each party's append-only audit chain in its own store ({@code audit_entry}): every security-relevant event the
 * party takes part in, one entry each, hash-chained to the party's previous entry and signed with its Ed25519
 * identity key ({@link AuditEntryCodec}).
 *
 * <p>Guarantees: an entry is written in a transaction of its own that commits at once ({@link #record}), so a task
 * that rolls back afterwards does not erase the record of what it did or refused; or, for what only exists if the
 * caller's transaction commits (a stored key), just before that commit, in a transaction of its own, so that the
 * commit fails if the entry cannot be written ({@link #recordOnCommit}). Appends of one party are serialised by a
 * PostgreSQL advisory lock and its {@code (party, seq)} key, so concurrent workers — in one process or several over
 * one store — extend one linear chain. The table refuses UPDATE, DELETE and TRUNCATE. An entry that cannot be
 * written fails the action that records it: nothing security-relevant happens unrecorded.
 *
 * <p>What it does not give: a party holding its own signing key can rewrite its whole chain; and dropping the last
 * entries leaves a valid, shorter chain. Both are caught only against the chain heads the party states in the
 * exchange (docs/parties.md, "Audit chain").
 */
@Component
public class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  /** Advisory-lock class of audit appends (the other key is the hash of the party id). */
  private static final int LOCK_CLASS = 0x464c4541; // "FLEA"

  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private final ObjectProvider<AuditSigningKeys> signingKeys;
  private final Map<String, PrivateKey> keys = new ConcurrentHashMap<>();
  private final FlepProperties.Party processParty;
  private final Clock clock;
  /** Events of parties whose signing key this thread is loading (the load itself is an event): appended after. */
  private final ThreadLocal<Map<String, List<AuditEvent>>> deferred = ThreadLocal.withInitial(HashMap::new);
  private final ThreadLocal<Acting> acting = new ThreadLocal<>();

  /**
   * @param signingKeys looked up on first use: the vault they come from records its own events here
   */
  public AuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions,
      ObjectProvider<AuditSigningKeys> signingKeys, FlepProperties properties) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.signingKeys = signingKeys;
    this.processParty = properties.party();
    this.clock = Clock.systemUTC();
  }

  /**
   * Appends {@code event} to {@code party}'s chain now, committed on its own.
   *
   * @throws IllegalStateException if the store holds no identity key of {@code party} to sign with
   * @throws org.springframework.dao.DataAccessException if the store cannot take the entry
   */
  public void record(String party, AuditEvent event) {
    Map<String, List<AuditEvent>> loading = deferred.get();
    List<AuditEvent> waiting = loading.get(party);
    if (waiting != null) {
      waiting.add(event); // the vault's record of the signing key being loaded for this very entry
      return;
    }
    PrivateKey key = keys.get(party);
    if (key != null) {
      append(party, key, event);
      return;
    }
    loading.put(party, new ArrayList<>());
    PrivateKey loaded;
    List<AuditEvent> during;
    try {
      loaded = signingKeys.getObject().identityKeyOf(party); // in the caller's transaction: sees a key stored there
      keys.putIfAbsent(party, loaded);
    } finally {
      during = loading.remove(party);
    }
    append(party, loaded, event);
    for (AuditEvent e : during) {
      append(party, loaded, e);
    }
  }

  /**
   * Records that {@code party} refused something ({@link AuditEventType#REFUSED}). Never throws: the refusal stands
   * whether or not it could be recorded, and a failure to record it is logged as an error.
   */
  public void refused(String party, UUID runId, String detail, AuditRef... refs) {
    try {
      record(party, AuditEvent.of(AuditEventType.REFUSED, runId, detail, refs));
    } catch (RuntimeException e) {
      LOG.error("could not record in the audit chain of '{}' that it refused: {} ({})", party, detail, e.toString());
    }
  }

  /**
   * Appends {@code event} just before the caller's transaction commits (in a transaction of its own, so a failure
   * to append aborts that commit), and not at all if it rolls back; now when no transaction is active. For events
   * about rows written in that transaction.
   */
  public void recordOnCommit(String party, AuditEvent event) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()) {
      record(party, event);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void beforeCommit(boolean readOnly) {
        record(party, event);
      }
    });
  }

  /** Who the current thread acts for while it runs a task, and in which run. */
  public record Acting(String party, UUID runId) {}

  /** A thread's {@link #actingAs} scope; closing it restores the one before. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** Marks the current thread as working for {@code party} in {@code runId} until the scope is closed. */
  public Scope actingAs(String party, UUID runId) {
    Acting before = acting.get();
    acting.set(new Acting(party, runId));
    return () -> {
      if (before == null) {
        acting.remove();
      } else {
        acting.set(before);
      }
    };
  }

  /**
   * The party the current thread acts for: the task's ({@link #actingAs}), else this process's when it is one party;
   * empty in a process of several parties outside a task.
   */
  public Optional<String> actingParty() {
    Acting a = acting.get();
    if (a != null) {
      return Optional.of(a.party());
    }
    return processParty.single() ? Optional.of(processParty.id()) : Optional.empty();
  }

  /** The run of the task the current thread runs, or null. */
  public UUID actingRun() {
    Acting a = acting.get();
    return a == null ? null : a.runId();
  }

  /** The last entry of {@code party}'s chain, if it has one. */
  public Optional<AuditEntry> head(String party) {
    return jdbc.query("select party, seq, recorded_at, type, run_id, detail, refs::text, prev_hash, entry_hash,"
        + " signature from audit_entry where party = ? order by seq desc limit 1",
        (rs, n) -> AuditChainVerifier.entry(rs), party).stream().findFirst();
  }

  private void append(String party, PrivateKey key, AuditEvent event) {
    ownTransaction.executeWithoutResult(status -> {
      jdbc.query("select pg_advisory_xact_lock(?, hashtext(?))", rs -> null, LOCK_CLASS, party);
      List<Map<String, Object>> last = jdbc.queryForList(
          "select seq, entry_hash from audit_entry where party = ? order by seq desc limit 1", party);
      long seq = last.isEmpty() ? 1 : ((Number) last.get(0).get("seq")).longValue() + 1;
      String prevHash = last.isEmpty() ? AuditEntryCodec.GENESIS : (String) last.get(0).get("entry_hash");
      Instant time = AuditEntryCodec.truncate(clock.instant());
      String entryHash = AuditEntryCodec.entryHash(party, seq, time, event.type(), event.runId(), event.detail(),
          event.refs(), prevHash);
      byte[] signature = sign(key, AuditEntryCodec.signedMessage(entryHash));
      jdbc.update("insert into audit_entry (party, seq, recorded_at, type, run_id, detail, refs, prev_hash,"
          + " entry_hash, signature) values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)",
          party, seq, OffsetDateTime.ofInstant(time, ZoneOffset.UTC), event.type().name(), event.runId(),
          event.detail(), AuditEntryCodec.refsToJson(event.refs()), prevHash, entryHash, signature);
    });
  }

  private static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing of an audit entry failed: " + e.getMessage(), e);
    }
  }
}
