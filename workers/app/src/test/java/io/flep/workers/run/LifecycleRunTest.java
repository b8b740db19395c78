package io.flep.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessInstance;
import io.flep.exchange.Exchange;
import io.flep.exchange.ExchangeRef;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.privacy.DifferentialPrivacy;
import io.flep.workers.privacy.RdpAccountant;
import io.flep.workers.store.DatasetRepository;
import io.flep.workers.testing.EmbeddedFlepTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole lifecycle on the real embedded engine, embedded PostgreSQL, Bouncy Castle AES-GCM, Paillier and
 * DL4J: both aggregation paths, the trust decision, and what ends up in the private database.
 */
class LifecycleRunTest extends EmbeddedFlepTest {
  @Autowired RunService runs;
  @Autowired DatasetRepository dataset;
  @Autowired JdbcTemplate jdbc;
  @Autowired CamundaClient client;
  @Autowired Exchange exchange;

  private RunReport run(int analysts, int rounds, String cloud) {
    return run(RunRequest.builder().analysts(analysts).minContributors(Math.min(analysts, 3)).rounds(rounds)
        .cloudMode(cloud).seed(7).build());
  }

  private RunReport run(RunRequest request) {
    List<String> lines = new ArrayList<>();
    RunReport report = runs.execute(request, lines::add, Duration.ofMinutes(10));
    assertThat(report.status()).as("run failed: %s%n%s", report.failure(), String.join("\n", lines))
        .isEqualTo("COMPLETED");
    return report;
  }

  @Test
  void untrustedCloudAggregatesCiphertextsAndTheDecryptedAverageEqualsPlaintextFedAvg() {
    RunReport report = run(2, 2, "untrusted");
    assertMonitoringShowsTheRun(report, 2);

    assertThat(report.stages()).extracting(RunReport.Stage::name).containsExactly(
        "generate", "store", "encrypt", "share-keys", "analyze", "secure-model", "aggregate", "serve");
    assertThat(report.stages()).allSatisfy(s -> assertThat(s.status()).isEqualTo("COMPLETED"));
    assertThat(report.rounds()).hasSize(2).allSatisfy(r -> {
      assertThat(r.path()).isEqualTo("untrusted");
      assertThat(r.maxAbsDiffVsPlaintextFedAvg()).isLessThanOrEqualTo(1e-4);
    });
    // Two rounds of two analysts on 2,000 digits each: far above chance (0.1), a broken pipeline stays near it.
    assertThat(report.finalAccuracy()).isGreaterThan(0.85);
    assertThat(report.plugins()).containsEntry("dataCipher", "aes-gcm").containsEntry("heScheme", "paillier");
    assertThat(report.decryption()).as("AES-GCM decrypts exactly, once per analyst and run").hasSize(2)
        .allSatisfy(d -> {
          assertThat(d.identical()).isTrue();
          assertThat(d.psnrDb()).isNull();
          assertThat(d.images()).isEqualTo(2000);
        });

    UUID runId = UUID.fromString(report.runId());
    List<DatasetRepository.Item> items = dataset.all(runId);
    assertThat(items).hasSize(5000);
    assertThat(items.stream().filter(i -> i.split().equals("test"))).hasSize(1000);
    // What crossed parties: one encrypted shard and one sealed key envelope per analyst (a data key each), the
    // analysts' signed updates, the untrusted cloud's aggregates; never a secret key for the cloud.
    assertThat(exchange.list(runId, ExchangeKinds.ENCRYPTED_SHARD)).hasSize(2);
    assertThat(exchange.list(runId, ExchangeKinds.DATA_KEY_ENVELOPE)).hasSize(2);
    assertThat(jdbc.queryForObject("select count(*) from key_material where run_id = ? and purpose = 'DATA'"
        + " and owner = 'data-owner'", Integer.class, runId)).isEqualTo(2);
    assertThat(exchange.list(runId, ExchangeKinds.ENCRYPTED_UPDATE)).hasSize(4)
        .extracting(ExchangeRef::producer).containsOnly("analyst-1", "analyst-2");
    assertThat(exchange.list(runId, ExchangeKinds.ENCRYPTED_AGGREGATE)).hasSize(2)
        .extracting(ExchangeRef::producer).containsOnly("flep-cloud");
    assertThat(exchange.list(runId, ExchangeKinds.HE_SECRET_KEY)).isEmpty();
    assertThat(exchange.list(runId, ExchangeKinds.GLOBAL_MODEL)).hasSize(2)
        .extracting(ExchangeRef::producer).containsOnly("iiot-services");
    // Secure aggregation: one decryption per round, of two contributions, by the key holder.
    assertThat(jdbc.queryForList("select contributors from decryption_claim where he_key = ? order by round",
        Integer.class, exchange.list(runId, ExchangeKinds.HE_PUBLIC_KEY).get(0).address())).containsExactly(2, 2);
  }

  /**
   * What a monitoring client sees of a finished run through the engine's REST API, with the Camunda
   * client's own search requests (the same calls work against a Camunda 8 cluster).
   */
  private void assertMonitoringShowsTheRun(RunReport report, int rounds) {
    ProcessInstance instance = client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId("flep-lifecycle").variables(Map.of("runId", report.runId())))
        .send().join().singleItem();
    assertThat(instance.getState()).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(instance.getHasIncident()).isFalse();
    long key = instance.getProcessInstanceKey();
    List<ElementInstance> elements = client.newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(key)).page(p -> p.limit(1000)).send().join().items();
    assertThat(elements).filteredOn(e -> e.getElementId().equals("Task_PublishGlobalModel"))
        .hasSize(rounds).allSatisfy(e -> assertThat(e.getState()).isEqualTo(ElementInstanceState.COMPLETED));
    assertThat(client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(key)).send().join().items())
        .isEmpty();
    assertThat(client.newProcessInstanceElementStatisticsRequest(key).send().join())
        .filteredOn(s -> s.getElementId().equals("SubProcess_FederatedRound")).singleElement()
        .satisfies(s -> {
          assertThat(s.getCompleted()).isEqualTo(rounds);
          assertThat(s.getActive()).isZero();
          assertThat(s.getIncidents()).isZero();
        });
  }

  @Test
  void aThresholdKeyIsDecryptedOnlyByTwoOfThreeShareHoldersTogether() {
    RunReport report = run(RunRequest.builder().analysts(2).minContributors(2).rounds(1).cloudMode("trusted").seed(7)
        .heSchemeOptions(Map.of("threshold", "2")).build());

    assertThat(report.rounds()).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("threshold");
      assertThat(r.maxAbsDiffVsPlaintextFedAvg()).isLessThanOrEqualTo(1e-4);
    });
    UUID runId = UUID.fromString(report.runId());
    // the dealer kept no secret of the key; each share went sealed to its holder; nobody received the whole key
    assertThat(jdbc.queryForObject("select count(*) from key_material where run_id = ? and purpose = 'HOMOMORPHIC'",
        Integer.class, runId)).isZero();
    assertThat(exchange.list(runId, ExchangeKinds.HE_KEY_SHARE)).hasSize(3);
    assertThat(exchange.list(runId, ExchangeKinds.HE_SECRET_KEY)).isEmpty();
    assertThat(exchange.list(runId, ExchangeKinds.PARTIAL_DECRYPTION)).hasSizeBetween(2, 3);
  }

  @Test
  void differentialPrivacyNoisesTheAggregateAndReportsEpsilon() {
    DifferentialPrivacy dp = new DifferentialPrivacy(0.5, 1.0, 1e-5);
    RunReport report = run(RunRequest.builder().analysts(2).minContributors(2).rounds(1).seed(7).differentialPrivacy(dp).build());

    assertThat(report.privacy()).isNotNull();
    assertThat(report.privacy().rounds()).isEqualTo(1);
    assertThat(report.privacy().epsilon()).isEqualTo(RdpAccountant.epsilon(0.5, 1, 1e-5));
    // noise of std z*C/2 = 0.25 per weight on the mean: far from the plaintext FedAvg of the local models
    assertThat(report.rounds()).singleElement().satisfies(r ->
        assertThat(r.maxAbsDiffVsPlaintextFedAvg()).isGreaterThan(0.1));
    assertThat(run(2, 1, "untrusted").privacy()).as("off by default").isNull();
  }

  @Test
  void trustedCloudIsGrantedTheKeyAndAveragesDecryptedUpdates() {
    RunReport report = run(2, 1, "trusted");

    assertThat(report.rounds()).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("trusted");
      assertThat(r.maxAbsDiffVsPlaintextFedAvg()).isLessThanOrEqualTo(1e-4);
    });
    UUID runId = UUID.fromString(report.runId());
    assertThat(exchange.list(runId, ExchangeKinds.HE_SECRET_KEY)).singleElement()
        .satisfies(sealed -> assertThat(sealed.producer()).isEqualTo("iiot-services"));
    assertThat(exchange.list(runId, ExchangeKinds.ENCRYPTED_AGGREGATE)).isEmpty();
    assertThat(exchange.list(runId, ExchangeKinds.GLOBAL_MODEL)).singleElement()
        .satisfies(global -> assertThat(global.producer()).isEqualTo("flep-cloud"));
  }

  @Test
  void policyLetsTheDecisionTableChooseThePath() {
    // Defaults: the cloud is not attested, so policy must not trust it.
    assertThat(run(2, 1, "policy").rounds()).singleElement().extracting(RunReport.Round::path).isEqualTo("untrusted");

    assertThat(decide("policy", true, "domestic")).isEqualTo("trusted");
    assertThat(decide("policy", true, "foreign")).isEqualTo("untrusted");
    assertThat(decide("policy", false, "domestic")).isEqualTo("untrusted");
    assertThat(decide("trusted", false, "foreign")).isEqualTo("trusted");
    assertThat(decide("untrusted", true, "domestic")).isEqualTo("untrusted");
    assertThat(decide("something-else", true, "domestic")).isEqualTo("untrusted");
  }

  private String decide(String mode, boolean attested, String jurisdiction) {
    var result = client.newEvaluateDecisionCommand().decisionId("cloud-trust")
        .variables(Map.of("cloudMode", mode, "cloudAttested", attested, "cloudJurisdiction", jurisdiction))
        .send().join();
    return result.getDecisionOutput().replace("\"", "");
  }

  @Test
  void theAnalystsRemoveTheNoiseLayerWithTheDnCnnAndThePsnrIsReportedPerAnalyst() {
    RunReport report = run(RunRequest.builder().analysts(2).minContributors(2).rounds(1).seed(7).dataCipher("flep-3layer")
        .dataCipherOptions(Map.of("denoiser", "dncnn")).reproduction(true).build());

    assertThat(report.plugins()).containsEntry("dataCipher", "flep-3layer");
    assertThat(report.policy().reproduction()).as("the report names the paper reproduction").isTrue();
    assertThat(report.decryption()).extracting(RunReport.Decryption::analyst)
        .containsExactlyInAnyOrder("analyst-1", "analyst-2");
    assertThat(report.decryption()).allSatisfy(d -> {
      assertThat(d.identical()).isFalse();
      // the reordered decryption denoises at 25 / 0.7 = 35.7: the DnCNN reached 23.5 dB on these digits, the
      // classical wiener filter 21.9 dB (docs/dncnn-training.md); a broken pipeline (wrong model, no
      // denoising, the paper's order) lands below
      assertThat(d.psnrDb()).isGreaterThan(MIN_DNCNN_DB);
    });
    assertThat(report.finalAccuracy()).isGreaterThan(0.8);
  }

  /** Between the classical filter's (21.9 dB) and the DnCNN's (23.5 dB) measured decryption PSNR on the digits. */
  private static final double MIN_DNCNN_DB = 23.0;
}
