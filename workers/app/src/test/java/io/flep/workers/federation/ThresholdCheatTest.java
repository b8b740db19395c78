package io.flep.workers.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.exchange.Exchange;
import io.flep.exchange.ExchangeRef;
import io.flep.exchange.Sha256;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.workers.aggregation.EncryptedUpdates;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.auditor.AuditorPartialDecryptWorker;
import io.flep.workers.cloud.CloudPartialDecryptWorker;
import io.flep.workers.config.Roles;
import io.flep.workers.evaluation.PlaintextEvaluation;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.run.RunReport;
import io.flep.workers.run.RunRequest;
import io.flep.workers.run.RunService;
import io.flep.workers.task.JobTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 14's cheating share holder, through the real engine, stores and exchange, on a 2-of-3 threshold key: the
 * cloud and the auditor's partial-decryption jobs are taken by this test instead of their workers, so the test
 * completes them with whatever partial decryption the holder likes to sign. One cheater (a partial decryption
 * altered after signing; then one of another ciphertext, signed) is left out and named, and the round is decrypted
 * correctly from the two honest holders; with two cheaters (an unsigned partial decryption and one of another
 * ciphertext) the round is refused on the modelled path and nothing more is published. The shifted partial
 * decryption and the proof made with another share are played against the scheme in
 * {@code ThresholdPaillierSchemeTest}; the lifecycle treats every refusal of the combination alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThresholdCheatTest {
  static final List<String> ANALYSTS = List.of("analyst-1", "analyst-2", "analyst-3");

  Path root;
  LocalFederation federation;
  CamundaClient cloudClient;
  CamundaClient auditorClient;
  final List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  void start() throws IOException {
    root = Files.createTempDirectory("flep-cheat-");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("flep.plugins-dir", root.resolve("plugins").toString());
    for (String type : List.of(JobTypes.CLOUD_PARTIAL_DECRYPT, JobTypes.AUDITOR_PARTIAL_DECRYPT)) {
      properties.put("camunda.client.worker.override[" + type + "].enabled", "false");
    }
    federation = LocalFederation.start(root, PartySpec.forRun(root, "flep-cloud", ANALYSTS), properties,
        new PlaintextEvaluation(), line -> { });
    cloudClient = federation.clientOf("flep-cloud");
    auditorClient = federation.clientOf("auditor");
  }

  @AfterAll
  void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {cloudClient, auditorClient, federation}) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception e) {
          // closing the rest matters more
        }
      }
    }
  }

  @Test
  void aCheatingHolderIsLeftOutAndNamedAndTwoCheatersRefuseTheRound() throws Exception {
    // round 1: the cloud's partial decryption is altered after signing; round 2: the cloud signs a partial
    // decryption of another ciphertext; the auditor is honest in both. Round 3: both cheat, the cloud with an
    // unsigned partial decryption, the auditor with one of another ciphertext.
    RunReport report = run(11, (job, holder) -> switch (round(job)) {
      case 1 -> alteredAfterSigning(job, holder);
      case 2 -> partialOfAnotherCiphertext(job, holder);
      default -> unsigned(job, holder);
    }, (job, holder) -> round(job) < 3 ? honestAuditor(job, holder) : partialOfAnotherCiphertext(job, holder));

    assertThat(report.rounds()).as("failure: %s; progress: %s", report.failure(), progress).hasSize(2)
        .allSatisfy(round -> {
          assertThat(round.path()).isEqualTo("threshold");
          assertThat(round.maxAbsDiffVsPlaintextFedAvg()).as("decrypted correctly from the honest holders")
              .isLessThan(1e-4);
        });
    UUID runId = UUID.fromString(report.runId());
    List<String> refusals = iiotStore().queryForList("select detail from audit_entry where party = 'iiot-services'"
        + " and type = 'REFUSED' and run_id = ?", String.class, runId);
    assertThat(refusals).as("the cheater is named in the IIoT services' audit chain, each round")
        .anySatisfy(detail -> assertThat(detail).contains("share holder cloud").contains("left out of round 1"))
        .anySatisfy(detail -> assertThat(detail).contains("share holder cloud").contains("left out of round 2"));

    assertThat(report.status()).isEqualTo("REJECTED");
    assertThat(report.outcome()).isEqualTo("aggregation-refused");
    assertThat(report.failure()).contains("round 3 is not decrypted").contains("1 valid partial decryption(s), 2"
        + " needed").contains("2=").contains("3=").as("the unsigned one").contains("signature");
    assertThat(federation.coordinator().getBean(Exchange.class).list(runId, ExchangeKinds.GLOBAL_MODEL))
        .as("rounds 1 and 2 only: nothing wrong is published").hasSize(2);
  }

  /** The honest partial decryption, its stored bytes then altered in the exchange (what its signature covers). */
  private Map<String, Object> alteredAfterSigning(ActivatedJob job, String holder) throws Exception {
    Map<String, Object> result = federation.context(holder).getBean(CloudPartialDecryptWorker.class)
        .partiallyDecrypt(job);
    ExchangeRef ref = ExchangeRef.fromVariable("partialDecryptionRef", result.get("partialDecryptionRef"));
    Path stored = root.resolve("exchange").resolve(ref.key());
    byte[] bytes = Files.readAllBytes(stored);
    bytes[bytes.length - 1] ^= 1;
    Files.write(stored, bytes);
    return result;
  }

  /**
   * The honest partial decryption with its signature zeroed, published under the SHA-256 of those bytes: everything
   * but the signature checks out (the reference's address, the header, the content digest, the producer's role).
   */
  private Map<String, Object> unsigned(ActivatedJob job, String holder) throws Exception {
    Map<String, Object> result = federation.context(holder).getBean(CloudPartialDecryptWorker.class)
        .partiallyDecrypt(job);
    ExchangeRef signed = ExchangeRef.fromVariable("partialDecryptionRef", result.get("partialDecryptionRef"));
    byte[] bytes = Files.readAllBytes(root.resolve("exchange").resolve(signed.key()));
    Arrays.fill(bytes, bytes.length - 64, bytes.length, (byte) 0); // the Ed25519 signature, last field
    ExchangeRef ref = new ExchangeRef(Sha256.hex(bytes), signed.runId(), signed.kind(),
        signed.producer());
    Path stored = root.resolve("exchange").resolve(ref.key());
    Files.createDirectories(stored.getParent());
    Files.write(stored, bytes);
    return Map.of("partialDecryptionRef", ref.toVariable());
  }

  private static int round(ActivatedJob job) {
    return ((Number) job.getVariablesAsMap().get("round")).intValue();
  }

  /** What a share holder completes its partial-decryption job with. */
  @FunctionalInterface
  interface HolderMove {
    Map<String, Object> complete(ActivatedJob job, String holder) throws Exception;
  }

  /** The holder's share, applied to the first analyst's update instead of the round's aggregate, signed and published. */
  private Map<String, Object> partialOfAnotherCiphertext(ActivatedJob job, String holder) throws Exception {
    ConfigurableApplicationContext context = federation.context(holder);
    Map<String, Object> vars = job.getVariablesAsMap();
    String role = holder.equals("auditor") ? Roles.AUDITOR : Roles.CLOUD;
    PartyIdentity me = context.getBean(PartyIdentities.class).of(holder, role);
    HomomorphicKeys keys = context.getBean(HomomorphicKeys.class);
    ExchangeRef heKeyRef = ExchangeRef.fromVariable("heKeyRef", vars.get("heKeyRef"));
    @SuppressWarnings("unchecked")
    Map<String, Object> shares = (Map<String, Object>) vars.get("heShareRefs");
    var share = keys.share(heKeyRef, me, ExchangeRef.fromVariable("heShareRefs", shares.get(role)));
    int round = ((Number) vars.get("round")).intValue();
    List<ExchangeRef> updates = ((List<?>) vars.get("updateRefs")).stream()
        .map(r -> ExchangeRef.fromVariable("updateRefs", r)).toList();
    HeCiphertext other = context.getBean(EncryptedUpdates.class).load(keys.withPublicKey(heKeyRef), round, updates)
        .get(0).update();
    ExchangeRef ref = context.getBean(ExchangeObjects.class).publish(me, UUID.fromString((String) vars.get("runId")),
        ExchangeKinds.PARTIAL_DECRYPTION, Map.of("round", Integer.toString(round), HomomorphicKeys.HE_KEY,
            heKeyRef.address()), share.partialDecrypt(other));
    return Map.of("partialDecryptionRef", ref.toVariable());
  }

  private Map<String, Object> honestAuditor(ActivatedJob job, String holder) {
    return federation.context(holder).getBean(AuditorPartialDecryptWorker.class).partiallyDecrypt(job);
  }

  private RunReport run(long seed, HolderMove cloud, HolderMove auditor) throws Exception {
    RunRequest request = RunRequest.builder().analysts(3).rounds(3).cloudMode("untrusted")
        .heSchemeOptions(Map.of("threshold", "2")).seed(seed).build();
    RunService runs = federation.coordinator().getBean(RunService.class);
    RunService.StartedRun run = runs.start(request);
    progress.clear();
    // on a thread of its own, not the common fork-join pool the parties' encryption may use
    ExecutorService follower = Executors.newSingleThreadExecutor();
    CompletableFuture<RunReport> followed = CompletableFuture.supplyAsync(
        () -> runs.follow(run, request, progress::add, Duration.ofMinutes(5)), follower);
    follower.shutdown();
    while (!followed.isDone()) {
      take(cloudClient, JobTypes.CLOUD_PARTIAL_DECRYPT, "flep-cloud", cloud);
      take(auditorClient, JobTypes.AUDITOR_PARTIAL_DECRYPT, "auditor", auditor);
    }
    return followed.join();
  }

  private static void take(CamundaClient client, String type, String holder, HolderMove move) throws Exception {
    for (ActivatedJob job : client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1)
        .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofSeconds(1)).send().join().getJobs()) {
      client.newCompleteCommand(job.getKey()).variables(move.complete(job, holder)).send().join();
    }
  }

  private JdbcTemplate iiotStore() {
    return new JdbcTemplate(federation.context("iiot-services").getBean(DataSource.class));
  }
}
