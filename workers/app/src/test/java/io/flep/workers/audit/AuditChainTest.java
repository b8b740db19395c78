package io.flep.workers.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.flep.exchange.ExchangeStorage;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.aggregation.ContributionLedger;
import io.flep.workers.aggregation.DecryptionLedger;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.config.Roles;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.KeyVault;
import io.flep.workers.store.Ref;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageStatements;
import io.flep.workers.testing.EmbeddedFlepTest;
import io.flep.workers.testing.FlepCli;
import io.flep.workers.trust.FederationTrust;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audit chains on the real store: what a party's actions record, what the table refuses, and what the verifier finds
 * after someone with database access (a superuser, who can switch the append-only triggers off) edits the store.
 * Each test works on a party of its own, so that a chain broken by one test is no other test's.
 */
class AuditChainTest extends EmbeddedFlepTest {
  @Autowired AuditLog audit;
  @Autowired KeyVault vault;
  @Autowired ArtifactStore artifacts;
  @Autowired ContributionLedger contributions;
  @Autowired DecryptionLedger decryptions;
  @Autowired PartyIdentities identities;
  @Autowired PluginRegistry plugins;
  @Autowired StageStatements statements;
  @Autowired ExchangeStorage exchange;
  @Autowired FederationTrust trust;
  @Autowired FlepProperties properties;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transaction;
  @Autowired DataSource dataSource;

  String party;

  @BeforeEach
  void newParty() {
    party = "audited-" + UUID.randomUUID().toString().substring(0, 8);
    identities.of(party, Roles.AUDITOR);
  }

  /** Records one of each kind of event for the test's party, through the components that record them. */
  private void actions(UUID runId) throws Exception {
    Ref key = vault.store(runId, KeyVault.Purpose.DATA, party, plugins.aead("aes-gcm")
        .generateKey(PluginOptions.empty(), new SecureRandom()));
    vault.loadSecret(key.id(), party);
    String heKey = "ab".repeat(32);
    try (AuditLog.Scope acting = audit.actingAs(party, runId)) {
      contributions.contribution(heKey, 1, party, UUID.randomUUID(), new byte[] {1, 2, 3});
      decryptions.claim(heKey, 1, "cd".repeat(32), party,
          java.util.Map.of("analyst-1", "01".repeat(32), "analyst-2", "02".repeat(32), "analyst-3", "03".repeat(32)));
    }
    Ref checked = artifacts.put(runId, new ArtifactStore.NewArtifact("note", party, "text/plain",
        "policy input".getBytes(StandardCharsets.UTF_8), null));
    audit.record(party, AuditEvent.of(AuditEventType.POLICY_VERIFIED, runId, "2 of 3 analysts contributed",
        AuditRef.artifact(checked.id(), checked.sha256())));
    audit.refused(party, runId, "an object that did not verify");
  }

  private AuditChainVerifier.PartyChain verify(boolean withExchange) throws Exception {
    try (Connection db = dataSource.getConnection()) {
      Optional<AuditChainVerifier.Exchange> against = withExchange
          ? Optional.of(new AuditChainVerifier.Exchange(exchange, trust.directory())) : Optional.empty();
      List<AuditChainVerifier.PartyChain> chains = new AuditChainVerifier(db, against, line -> { })
          .verify(Optional.of(party)).parties();
      assertThat(chains).hasSize(1);
      return chains.get(0);
    }
  }

  private long seqOf(AuditEventType type) {
    return jdbc.queryForObject("select min(seq) from audit_entry where party = ? and type = ?", Long.class, party,
        type.name());
  }

  /**
   * Changes the store as its superuser can (its password is in the data directory): the application role can no longer
   * switch the append-only trigger off (see {@link #theApplicationRoleCannotBypassTheAppendOnlyTable}), the superuser
   * can. The trigger stops the application, not the superuser; the chain's hashes and signatures are what catch the
   * change.
   */
  private void asTheSuperuser(String sql, Object... args) throws Exception {
    try (Connection db = DriverManager.getConnection(storeUrl(), "postgres", secret("postgres-superuser.password"))) {
      db.setAutoCommit(false);
      try (Statement statement = db.createStatement()) {
        statement.execute("alter table audit_entry disable trigger audit_entry_append_only");
      }
      try (PreparedStatement change = db.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          change.setObject(i + 1, args[i]);
        }
        assertThat(change.executeUpdate()).as(sql).isPositive();
      }
      try (Statement statement = db.createStatement()) {
        statement.execute("alter table audit_entry enable trigger audit_entry_append_only");
      }
      db.commit();
    }
  }

  private String storeUrl() {
    return jdbc.execute((Connection c) -> c.getMetaData().getURL());
  }

  private String secret(String file) throws Exception {
    return Files.readString(properties.dataDir().resolve("secrets").resolve(file)).strip();
  }

  @Test
  void aPartysActionsMakeOneChainThatVerifies() throws Exception {
    actions(UUID.randomUUID());

    assertThat(jdbc.queryForList("select type from audit_entry where party = ? order by seq", String.class, party))
        .startsWith("KEY_ISSUED") // its identity key
        .contains("KEY_UNSEALED", "CONTRIBUTION_SIGNED", "DECRYPTION", "POLICY_VERIFIED", "REFUSED");
    long entries = jdbc.queryForObject("select count(*) from audit_entry where party = ?", Long.class, party);
    assertThat(jdbc.queryForObject("select max(seq) from audit_entry where party = ?", Long.class, party))
        .isEqualTo(entries);
    AuditChainVerifier.PartyChain chain = verify(true);
    assertThat(chain.problem()).isNull();
    assertThat(chain.entries()).isEqualTo(entries);
    assertThat(chain.refsChecked()).as("keys, the contribution and the artifact").isGreaterThanOrEqualTo(5);
  }

  @Test
  void theTableRefusesUpdateDeleteAndTruncate() throws Exception {
    actions(UUID.randomUUID());

    // the application role lacks the privileges
    assertThatThrownBy(() -> jdbc.update("update audit_entry set detail = 'nothing happened' where party = ?", party))
        .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
    assertThatThrownBy(() -> jdbc.update("delete from audit_entry where party = ?", party))
        .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
    assertThatThrownBy(() -> jdbc.execute("truncate audit_entry"))
        .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
    // and the triggers stop even the superuser while they are on
    try (Connection db = DriverManager.getConnection(storeUrl(), "postgres", secret("postgres-superuser.password"));
        Statement sql = db.createStatement()) {
      for (String change : List.of("update audit_entry set detail = 'nothing happened' where party = '" + party + "'",
          "delete from audit_entry where party = '" + party + "'", "truncate audit_entry")) {
        assertThatThrownBy(() -> sql.execute(change)).as(change).hasMessageContaining("append-only");
      }
    }
    assertThat(verify(false).problem()).isNull();
  }

  /**
   * Review finding M2: the role FLEP logs in as, with its real password, owns neither the table nor its trigger
   * functions, so it can switch nothing off and replace nothing; it reads and appends.
   */
  @Test
  void theApplicationRoleCannotBypassTheAppendOnlyTable() throws Exception {
    actions(UUID.randomUUID());
    long entries = jdbc.queryForObject("select count(*) from audit_entry where party = ?", Long.class, party);

    try (Connection app = DriverManager.getConnection(storeUrl(), "flep_app", secret("postgres-app.password"));
        Statement sql = app.createStatement()) {
      assertThat(app.getMetaData().getUserName()).isEqualTo("flep_app");
      for (String bypass : List.of(
          "alter table audit_entry disable trigger all",
          "alter table audit_entry disable trigger audit_entry_append_only",
          "delete from audit_entry where party = '" + party + "'",
          "update audit_entry set detail = 'nothing happened' where party = '" + party + "'",
          "truncate audit_entry",
          "create or replace function audit_entry_refuse_change() returns trigger language plpgsql as"
              + " $$ begin return old; end $$",
          "create or replace function audit_entry_refuse_truncate() returns trigger language plpgsql as"
              + " $$ begin return null; end $$",
          "drop function audit_entry_refuse_change() cascade",
          "drop table audit_entry",
          "alter table audit_entry owner to flep_app",
          "alter table audit_entry rename to audit_entry_old",
          "create rule keep_nothing as on insert to audit_entry do instead nothing",
          "set session_replication_role = replica")) {
        assertThat(catchThrowable(() -> sql.execute(bypass))).as(bypass)
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(bypass + ": " + e.getMessage())
                .isEqualTo("42501")); // insufficient_privilege
      }
      // granting itself more grants nothing (PostgreSQL only warns)
      sql.execute("grant update, delete, truncate, trigger on audit_entry to flep_app");
      try (ResultSet rows = sql.executeQuery("select has_table_privilege('audit_entry', 'UPDATE, DELETE, TRUNCATE,"
          + " TRIGGER, REFERENCES')")) {
        rows.next();
        assertThat(rows.getBoolean(1)).isFalse();
      }
      // it appends and reads as before
      try (ResultSet rows = sql.executeQuery("select count(*) from audit_entry where party = '" + party + "'")) {
        rows.next();
        assertThat(rows.getLong(1)).isEqualTo(entries);
      }
    }
    audit.record(party, AuditEvent.of(AuditEventType.POLICY_VERIFIED, null, "after the attempts"));
    assertThat(jdbc.queryForObject("select count(*) from audit_entry where party = ?", Long.class, party))
        .isEqualTo(entries + 1);
    assertThat(jdbc.queryForObject("select pg_get_userbyid(relowner) from pg_class where oid = 'audit_entry'::regclass",
        String.class)).isEqualTo("flep_audit_owner");
    assertThat(verify(false).problem()).isNull();
  }

  @Test
  void anEditedEntryIsFoundAtItsSeqAndTheCommandSaysSo() throws Exception {
    actions(UUID.randomUUID());
    long refused = seqOf(AuditEventType.REFUSED);
    asTheSuperuser("update audit_entry set detail = 'nothing was refused' where party = ? and seq = ?", party, refused);

    assertThat(verify(false).problem()).satisfies(p -> {
      assertThat(p.seq()).isEqualTo(refused);
      assertThat(p.what()).contains("edited");
    });
    String url = jdbc.execute((Connection c) -> c.getMetaData().getURL());
    String user = jdbc.execute((Connection c) -> c.getMetaData().getUserName());
    FlepCli.Result cli = FlepCli.run("audit", "verify", "--data-dir", properties.dataDir().toString(), "--party",
        party, "-P", "flep.datasource.url=" + url, "-P", "flep.datasource.username=" + user);
    assertThat(cli.exitCode()).as("stdout %s, stderr %s", cli.out(), cli.err()).isEqualTo(1);
    assertThat(cli.out()).contains(party).contains("FAILED at seq " + refused).contains("1 broken");
  }

  @Test
  void anEntryDeletedInTheMiddleIsFound() throws Exception {
    actions(UUID.randomUUID());
    long decryption = seqOf(AuditEventType.DECRYPTION);
    asTheSuperuser("delete from audit_entry where party = ? and seq = ?", party, decryption);

    AuditChainVerifier.PartyChain chain = verify(false);
    assertThat(chain.problem().seq()).isEqualTo(decryption);
    assertThat(chain.problem().what()).contains("missing");
    assertThat(chain.entries()).isEqualTo(decryption - 1);
  }

  @Test
  void anEntryReSignedWithAnotherKeyIsFound() throws Exception {
    actions(UUID.randomUUID());
    long policy = seqOf(AuditEventType.POLICY_VERIFIED);
    String hash = jdbc.queryForObject("select entry_hash from audit_entry where party = ? and seq = ?", String.class,
        party, policy);
    Signature other = Signature.getInstance("Ed25519");
    other.initSign(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
    other.update(AuditEntryCodec.signedMessage(hash));
    asTheSuperuser("update audit_entry set signature = ? where party = ? and seq = ?", other.sign(), party, policy);

    assertThat(verify(false).problem()).satisfies(p -> {
      assertThat(p.seq()).isEqualTo(policy);
      assertThat(p.what()).contains("signature");
    });
  }

  @Test
  void aReferencedArtifactOrKeyAlteredInTheStoreIsFound() throws Exception {
    actions(UUID.randomUUID());
    long policy = seqOf(AuditEventType.POLICY_VERIFIED);
    asTheSuperuser("update artifact set content = ? where owner = ? and kind = 'note'",
        "policy inpuT".getBytes(StandardCharsets.UTF_8), party);

    assertThat(verify(false).problem()).satisfies(p -> {
      assertThat(p.seq()).isEqualTo(policy);
      assertThat(p.what()).contains("artifact").contains("altered");
    });

    asTheSuperuser("update key_material set public_part = public_part || '\\x00'::bytea where owner = ?"
        + " and purpose = 'DATA'", party);
    long issued = jdbc.queryForObject("select min(seq) from audit_entry where party = ? and type = 'KEY_ISSUED'"
        + " and detail like 'stored DATA key%'", Long.class, party);
    assertThat(verify(false).problem()).satisfies(p -> {
      assertThat(p.seq()).isEqualTo(issued);
      assertThat(p.what()).contains("key").contains("altered");
    });
  }

  @Test
  void concurrentAppendsKeepOneLinearChain() throws Exception {
    long before = jdbc.queryForObject("select count(*) from audit_entry where party = ?", Long.class, party);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(threads.submit((Callable<Void>) () -> {
          for (int i = 0; i < 25; i++) {
            audit.record(party, AuditEvent.of(AuditEventType.POLICY_VERIFIED, null, "thread " + thread + " #" + i));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      threads.shutdown();
    }

    AuditChainVerifier.PartyChain chain = verify(false);
    assertThat(chain.problem()).isNull();
    assertThat(chain.entries()).isEqualTo(before + 200);
    assertThat(jdbc.queryForObject("select count(distinct prev_hash) from audit_entry where party = ?", Long.class,
        party)).as("no two entries follow the same one").isEqualTo(before + 200);
  }

  @Test
  void aRolledBackTaskKeepsItsRefusalButRecordsNoKeyItNeverStored() throws Exception {
    UUID runId = UUID.randomUUID();
    assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
      try {
        vault.store(runId, KeyVault.Purpose.DATA, party, plugins.aead("aes-gcm")
            .generateKey(PluginOptions.empty(), new SecureRandom()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      audit.refused(party, runId, "the task refused its input");
      throw new IllegalStateException("the task failed after refusing");
    })).hasMessageContaining("after refusing");

    assertThat(jdbc.queryForList("select type from audit_entry where party = ? and run_id = ?", String.class, party,
        runId)).containsExactly("REFUSED");
    assertThat(verify(false).problem()).isNull();
  }

  @Test
  void headsStatedInTheExchangeCatchAChainCutShort() throws Exception {
    UUID runId = UUID.randomUUID();
    actions(runId);
    statements.state(runId, "flep.auditor.partial-decrypt", Stage.AGGREGATE, 1, party, "COMPLETED", 5, null, null);
    long stated = jdbc.queryForObject("select max(seq) from audit_entry where party = ?", Long.class, party);
    assertThat(verify(true)).satisfies(chain -> {
      assertThat(chain.problem()).isNull();
      assertThat(chain.anchorsChecked()).isEqualTo(1);
    });

    asTheSuperuser("delete from audit_entry where party = ? and seq >= ?", party, stated - 1);

    assertThat(verify(false).problem()).as("a chain cut short verifies on its own").isNull();
    assertThat(verify(true).problem()).satisfies(p -> {
      assertThat(p.seq()).isEqualTo(stated);
      assertThat(p.what()).contains("cut short");
    });
  }
}
