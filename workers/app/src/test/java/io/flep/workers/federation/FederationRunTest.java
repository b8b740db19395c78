package io.flep.workers.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.exchange.ExchangeRef;
import io.flep.exchange.seal.AgreementKeyPair;
import io.flep.exchange.seal.Hpke;
import io.flep.exchange.seal.SealContext;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.testing.FlepCli;
import io.flep.workers.evaluation.PlaintextEvaluation;
import io.flep.workers.failure.KeyAccessDeniedException;
import io.flep.workers.holdings.Holdings;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import io.flep.workers.run.RunReport;
import io.flep.workers.run.RunRequest;
import io.flep.workers.run.RunService;
import io.flep.workers.store.KeyVault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A run of separate parties in one JVM ({@code ./flep run}): each with its own embedded PostgreSQL, key-encryption
 * key and identity, through the real engine and exchange. Afterwards every store and every exchange object is
 * scanned for what must not be there, and the untrusted cloud tries every key it holds on everything it can read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederationRunTest {
  static final List<String> ANALYSTS = List.of("analyst-1", "analyst-2", "analyst-3");
  /** The kinds that may be in the exchange; nothing else crosses. */
  static final Set<String> KINDS = Set.of(ExchangeKinds.ENCRYPTED_SHARD, ExchangeKinds.DATA_KEY_ENVELOPE,
      ExchangeKinds.SEALED_TEST_SET, ExchangeKinds.HE_PUBLIC_KEY, ExchangeKinds.HE_SECRET_KEY,
      ExchangeKinds.HE_KEY_SHARE, ExchangeKinds.ENCRYPTED_UPDATE, ExchangeKinds.ENCRYPTED_AGGREGATE,
      ExchangeKinds.PARTIAL_DECRYPTION, ExchangeKinds.GLOBAL_MODEL, "stage-record", "round-result", "round-closed",
      ExchangeKinds.RUN_POLICY);
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  Path root;
  LocalFederation federation;
  RunReport report;

  @BeforeAll
  void runOnce() throws IOException {
    root = Files.createTempDirectory("flep-federation-");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("flep.plugins-dir", root.resolve("plugins").toString());
    federation = LocalFederation.start(root, PartySpec.forRun(root, "flep-cloud", ANALYSTS), properties,
        new PlaintextEvaluation(), line -> { });
    report = federation.coordinator().getBean(RunService.class).execute(
        RunRequest.builder().analysts(ANALYSTS.size()).rounds(1).cloudMode("untrusted").seed(7).build(),
        line -> { }, Duration.ofMinutes(10));
  }

  @AfterAll
  void stop() {
    if (federation != null) {
      federation.close();
    }
  }

  @Test
  void theRunCompletesWithEveryPartyInItsOwnStore() {
    assertThat(report.status()).as("run: %s", report.failure()).isEqualTo("COMPLETED");
    assertThat(report.mode()).isEqualTo("evaluation");
    assertThat(report.rounds()).singleElement().satisfies(r ->
        assertThat(r.maxAbsDiffVsPlaintextFedAvg()).isLessThanOrEqualTo(1e-4));
    assertThat(report.decryption()).hasSize(3).allSatisfy(d -> assertThat(d.identical()).isTrue());
    assertThat(report.stages()).allSatisfy(s -> assertThat(s.status()).isEqualTo("COMPLETED"));
    List<String> stores = federation.parties().stream().map(p -> jdbcUrl(p.id())).distinct().toList();
    assertThat(stores).as("one store per party").hasSize(federation.parties().size());
  }

  @Test
  void eachPartyHoldsOnlyWhatIsItsOwn() throws Exception {
    for (PartySpec party : federation.parties()) {
      Holdings holdings;
      try (Connection db = dataSource(party.id()).getConnection()) {
        holdings = Holdings.read(db);
      }
      assertThat(holdings.keys()).as("keys of %s", party.id()).allSatisfy(k -> assertThat(k.owner()).isEqualTo(party.id()));
      assertThat(holdings.artifacts()).as("artifacts of %s", party.id())
          .allSatisfy(a -> assertThat(a.owner()).isEqualTo(party.id()));
      switch (party.role()) {
        case Roles.CLOUD, Roles.AUDITOR -> {
          assertThat(holdings.plaintextData()).as(party.id()).isFalse();
          assertThat(holdings.plaintextModel()).as(party.id()).isFalse();
          assertThat(holdings.foreignSecrets()).as("%s holds a secret beyond its identity", party.id()).isFalse();
        }
        case Roles.ANALYST -> {
          assertThat(holdings.plaintextData()).as("%s stores no images", party.id()).isFalse();
          assertThat(holdings.datasetRows()).isZero();
          assertThat(holdings.foreignSecrets()).as("%s keeps no data key", party.id()).isFalse();
        }
        case Roles.IIOT -> assertThat(holdings.plaintextModel()).isFalse();
        default -> assertThat(holdings.datasetRows()).as("the data owner's data sets, 5,000 images a run")
            .isPositive().satisfies(rows -> assertThat(rows % 5000).isZero());
      }
    }
  }

  @Test
  void noSecretOrPlaintextIsInTheExchangeOrInAnotherPartysStore() throws Exception {
    Map<String, byte[]> secrets = new LinkedHashMap<>(); // every secret key of every party, unwrapped
    Map<String, byte[]> localModels = new LinkedHashMap<>();
    for (PartySpec party : federation.parties()) {
      JdbcTemplate db = new JdbcTemplate(dataSource(party.id()));
      KeyVault vault = federation.context(party.id()).getBean(KeyVault.class);
      for (UUID id : db.queryForList("select id from key_material where wrapped_secret is not null", UUID.class)) {
        KeyMaterial key = vault.loadSecret(id, party.id());
        secrets.put(party.id() + "/" + key.schemeId() + "/" + id,
            key.secretPart().orElseThrow().toByteArray(SecretAccess.get()));
      }
      for (byte[] model : db.queryForList("select content from artifact where kind = 'local-model'", byte[].class)) {
        localModels.put(party.id() + " local model", java.util.Arrays.copyOfRange(model, model.length / 2,
            model.length / 2 + 64));
      }
    }
    assertThat(secrets).as("every party has identity secrets").hasSizeGreaterThanOrEqualTo(14);
    byte[] someImage = new JdbcTemplate(dataSource("data-owner"))
        .queryForList("select content from artifact where kind = 'image' limit 1", byte[].class).get(0);
    assertThat(indexOf(someImage, PNG)).as("the scan finds a PNG where there is one").isZero();
    assertThat(localModels).hasSize(3);

    List<Path> objects;
    try (Stream<Path> files = Files.walk(root.resolve("exchange"))) {
      objects = files.filter(Files::isRegularFile).toList();
    }
    for (Path object : objects) {
      byte[] bytes = Files.readAllBytes(object);
      String where = "exchange object " + root.relativize(object);
      if (object.toString().contains("/runs/")) {
        String kind = root.resolve("exchange").relativize(object).getName(2).toString();
        assertThat(KINDS).as(where).contains(kind);
        if (!kind.equals(ExchangeKinds.DATA_KEY_ENVELOPE) && !kind.equals(ExchangeKinds.SEALED_TEST_SET)) {
          assertThat(indexOf(bytes, PNG)).as("%s holds a plaintext image", where).isEqualTo(-1);
        }
      }
      assertNoneIn(bytes, secrets, where);
      assertNoneIn(bytes, localModels, where);
    }
    for (PartySpec party : federation.parties()) {
      JdbcTemplate db = new JdbcTemplate(dataSource(party.id()));
      List<byte[]> cells = new ArrayList<>();
      cells.addAll(db.queryForList("select content from artifact", byte[].class));
      cells.addAll(db.queryForList("select public_part from key_material", byte[].class));
      cells.addAll(db.queryForList("select wrapped_secret from key_material where wrapped_secret is not null",
          byte[].class));
      cells.addAll(db.queryForList("select convert_to(coalesce(details::text, '') || coalesce(result_variables::text,"
          + " '') || coalesce(message, ''), 'UTF8') from stage_result", byte[].class));
      for (byte[] cell : cells) {
        assertNoneIn(cell, secrets, "the store of " + party.id());
        if (!party.role().equals(Roles.ANALYST)) {
          assertNoneIn(cell, localModels, "the store of " + party.id());
        }
      }
    }
  }

  @Test
  void everyPartysAuditChainVerifiesAgainstTheExchangeAndRecordsWhatItDid() throws Exception {
    Map<String, List<String>> events = new LinkedHashMap<>();
    for (PartySpec party : federation.parties()) {
      // flep audit verify, on the running party's store; credentials through the root of the party's own kit
      JdbcTemplate db = new JdbcTemplate(dataSource(party.id()));
      FlepCli.Result cli = FlepCli.run("audit", "verify", "--data-dir", party.dataDir().toString(), "--exchange",
          root.resolve("exchange").toString(), "--json", "-P", "flep.datasource.url=" + jdbcUrl(party.id()),
          "-P", "flep.datasource.username=" + db.execute((Connection c) -> c.getMetaData().getUserName()));
      assertThat(cli.exitCode()).as("audit verify of %s: %s %s", party.id(), cli.out(), cli.err()).isZero();
      com.fasterxml.jackson.databind.JsonNode result = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(cli.out());
      assertThat(result.get("exchangeChecked").asBoolean()).isTrue();
      assertThat(result.get("parties")).as("chains in the store of %s", party.id()).hasSize(1);
      com.fasterxml.jackson.databind.JsonNode chain = result.get("parties").get(0);
      assertThat(chain.get("party").asText()).isEqualTo(party.id());
      assertThat(chain.get("problem").isNull()).as("chain of %s: %s", party.id(), chain).isTrue();
      assertThat(chain.get("entries").asLong()).isPositive();
      if (!party.role().equals(Roles.AUDITOR)) { // the auditor has no task without a threshold key
        assertThat(chain.get("anchorsChecked").asLong()).as("heads %s stated", party.id()).isPositive();
      }
      events.put(party.id(), db.queryForList("select type from audit_entry where run_id = ?::uuid or run_id is null"
          + " order by seq", String.class, report.runId()));
    }
    events.forEach((party, types) -> assertThat(types).as("events of %s", party).startsWith("KEY_ISSUED")
        .contains("KEY_UNSEALED"));
    for (String analyst : ANALYSTS) {
      assertThat(events.get(analyst)).as("%s: one contribution in the run's one round", analyst)
          .containsOnlyOnce("CONTRIBUTION_SIGNED");
    }
    assertThat(events.get("iiot-services")).as("the untrusted path: the IIoT services decrypt")
        .contains("DECRYPTION", "KEY_ISSUED");
    assertThat(events.get("flep-cloud")).as("the untrusted cloud decrypts nothing").doesNotContain("DECRYPTION");
    assertThat(events.get("data-owner").stream().filter("KEY_SEALED"::equals).count())
        .as("a data key per analyst and the test set, sealed").isEqualTo(ANALYSTS.size() + 1);
  }

  @Test
  void theUntrustedCloudCannotOpenAnythingWithTheKeysItHolds() throws Exception {
    ConfigurableApplicationContext cloud = federation.context("flep-cloud");
    PartyIdentity me = cloud.getBean(PartyIdentities.class).of("flep-cloud", Roles.CLOUD);
    UUID runId = UUID.fromString(report.runId());
    List<AgreementKeyPair> keys = new ArrayList<>();
    keys.add(me.agreementKeys());
    JdbcTemplate store = new JdbcTemplate(dataSource("flep-cloud"));
    assertThat(store.queryForList("select distinct purpose from key_material", String.class))
        .containsExactlyInAnyOrder("IDENTITY", "AGREEMENT");

    int tried = 0;
    for (String kind : List.of(ExchangeKinds.DATA_KEY_ENVELOPE, ExchangeKinds.SEALED_TEST_SET)) {
      for (ExchangeRef ref : cloud.getBean(io.flep.exchange.Exchange.class).list(runId, kind)) {
        byte[] box = cloud.getBean(io.flep.exchange.Exchange.class).fetch(ref, Set.of(Roles.DATA_OWNER)).content();
        for (AgreementKeyPair key : keys) {
          for (String recipient : List.of("flep-cloud", "analyst-1", "analyst-2", "analyst-3", "iiot-services")) {
            for (String keyId : List.of(ExchangeKinds.TEST_SET_PURPOSE, String.valueOf(ref.address()))) {
              for (String purpose : List.of(ExchangeKinds.DATA_KEY_PURPOSE, ExchangeKinds.TEST_SET_PURPOSE)) {
                SealContext context = new SealContext(runId, keyId, purpose, recipient);
                tried++;
                assertThatThrownBy(() -> Hpke.open(key, context, box)).isInstanceOf(GeneralSecurityException.class);
              }
            }
          }
        }
      }
    }
    assertThat(tried).isGreaterThan(0);
    assertThatThrownBy(() -> cloud.getBean(PartyIdentities.class).of("iiot-services", Roles.IIOT))
        .as("the cloud's process cannot take on another party's identity")
        .isInstanceOf(KeyAccessDeniedException.class).hasMessageContaining("does not act as iiot 'iiot-services'");
    ExchangeRef heKey = cloud.getBean(io.flep.exchange.Exchange.class).list(runId, ExchangeKinds.HE_PUBLIC_KEY).get(0);
    assertThatThrownBy(() -> cloud.getBean(HomomorphicKeys.class).decryption(heKey, me, null))
        .isInstanceOf(KeyAccessDeniedException.class);
  }

  @Test
  void aTamperedExchangeObjectEndsTheRunOnTheIntegrityPathNamingTheObjectAndItsProducer() throws Exception {
    Path exchange = root.resolve("exchange");
    Set<Path> before = heKeyObjects(exchange);
    java.util.concurrent.atomic.AtomicReference<Path> flipped = new java.util.concurrent.atomic.AtomicReference<>();
    Thread tamperer = new Thread(() -> {
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (System.nanoTime() < deadline) {
        try {
          for (Path key : heKeyObjects(exchange)) {
            if (!before.contains(key)) {
              byte[] bytes = Files.readAllBytes(key);
              bytes[bytes.length / 2] ^= 0x01; // one bit of the published public key
              Files.write(key, bytes);
              flipped.set(key);
              return;
            }
          }
          Thread.sleep(2);
        } catch (IOException | java.io.UncheckedIOException e) {
          // a file vanished while the directory was walked (a party's temporary file): look again
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "tamperer");
    tamperer.setDaemon(true);
    tamperer.start();

    RunReport tampered;
    try {
      tampered = federation.coordinator().getBean(RunService.class).execute(
          RunRequest.builder().analysts(ANALYSTS.size()).rounds(1).cloudMode("untrusted").seed(8).build(),
          line -> { }, Duration.ofMinutes(10));
    } finally {
      tamperer.interrupt();
    }

    assertThat(flipped.get()).as("the published key was tampered with").isNotNull();
    assertThat(tampered.status()).as("failure: %s", tampered.failure()).isEqualTo("REJECTED");
    assertThat(tampered.outcome()).isEqualTo("integrity-violation");
    assertThat(tampered.failure()).contains("he-public-key").contains("by iiot-services").contains("was altered");
    // nothing already stored is lost: the first run's global model still verifies
    io.flep.exchange.Exchange verifier = federation.coordinator().getBean(io.flep.exchange.Exchange.class);
    assertThat(verifier.list(UUID.fromString(report.runId()), ExchangeKinds.GLOBAL_MODEL)).singleElement()
        .satisfies(ref -> assertThat(verifier.fetch(ref, Set.of(Roles.IIOT)).content()).isNotEmpty());
  }

  private static Set<Path> heKeyObjects(Path exchange) throws IOException {
    if (!Files.isDirectory(exchange.resolve("runs"))) {
      return Set.of();
    }
    try (Stream<Path> files = Files.walk(exchange.resolve("runs"))) {
      return files.filter(Files::isRegularFile)
          .filter(f -> f.getParent().getParent().getFileName().toString().equals(ExchangeKinds.HE_PUBLIC_KEY))
          .collect(java.util.stream.Collectors.toSet());
    }
  }

  private void assertNoneIn(byte[] haystack, Map<String, byte[]> needles, String where) {
    needles.forEach((name, needle) -> assertThat(indexOf(haystack, needle))
        .as("%s contains %s (%s...)", where, name, HexFormat.of().formatHex(needle, 0, Math.min(8, needle.length)))
        .isEqualTo(-1));
  }

  private DataSource dataSource(String partyId) {
    return federation.context(partyId).getBean(DataSource.class);
  }

  private String jdbcUrl(String partyId) {
    return new JdbcTemplate(dataSource(partyId)).execute((Connection c) -> c.getMetaData().getURL());
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
