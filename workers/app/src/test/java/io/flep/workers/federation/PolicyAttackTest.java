package io.flep.workers.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.exchange.Exchange;
import io.flep.exchange.ExchangeRef;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.workers.aggregation.EncryptedUpdates;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.cloud.AggregateEncryptedWorker;
import io.flep.workers.evaluation.PlaintextEvaluation;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.config.Roles;
import io.flep.workers.run.RunReport;
import io.flep.workers.run.RunRequest;
import io.flep.workers.run.RunService;
import io.flep.workers.aggregation.GlobalModels;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.model.ModelArchitecture;
import io.flep.workers.model.ModelCodec;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 13's attacks on the signed run policy, played by the untrusted AI cloud through the real engine, stores and
 * exchange: its aggregation job is taken by this test instead of its worker, so the test completes it with whatever
 * variables the cloud likes. The cloud lowers {@code minContributors} to 1 and drops two analysts' updates; it replays
 * an analyst's signed update of round 1 into round 2. Each is refused on its modelled path, and nothing is decrypted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyAttackTest {
  static final List<String> ANALYSTS = List.of("analyst-1", "analyst-2", "analyst-3");

  Path root;
  LocalFederation federation;
  CamundaClient engine;
  /** The run's progress lines, and its jobs when it did not end as expected: what a failure message shows. */
  final List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  void start() throws IOException {
    root = Files.createTempDirectory("flep-attack-");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("flep.plugins-dir", root.resolve("plugins").toString());
    // the cloud's aggregation jobs are the attacker's: its worker does not take them
    properties.put("camunda.client.worker.override[" + JobTypes.AGGREGATE_ENCRYPTED + "].enabled", "false");
    federation = LocalFederation.start(root, PartySpec.forRun(root, "flep-cloud", ANALYSTS), properties,
        new PlaintextEvaluation(), line -> { });
    // the attacker is the cloud: it acts on the engine with the cloud's own client and permissions
    engine = federation.clientOf("flep-cloud");
  }

  @AfterAll
  void stop() {
    if (engine != null) {
      engine.close();
    }
    if (federation != null) {
      federation.close();
    }
  }

  @Test
  void theCloudCannotLowerKByVariableNorDropUpdates() throws Exception {
    RunRequest request = RunRequest.builder().analysts(3).rounds(1).cloudMode("untrusted").seed(11).build();
    RunReport report = runWithCloud(request, (job, cloud) -> {
      List<Object> refs = new ArrayList<>((List<?>) job.getVariablesAsMap().get("updateRefs"));
      Map<String, Object> variables = new LinkedHashMap<>();
      // only the first analyst's update, "aggregated" by the cloud, and K set to 1 by variable
      variables.put("updateRefs", List.of(refs.get(0)));
      variables.put("minContributors", 1);
      variables.put("encryptedAggregateRef", cloud.aggregateOf(job, List.of(refs.get(0))).toVariable());
      return variables;
    });

    assertThat(report.status()).as("failure: %s; progress: %s", report.failure(), progress)
        .isEqualTo("REJECTED");
    assertThat(report.outcome()).isEqualTo("aggregation-refused");
    assertThat(report.failure()).contains("1 verified contribution").contains("at least 3");
    UUID runId = UUID.fromString(report.runId());
    assertNothingDecrypted(runId, 1);
  }

  @Test
  void anUpdateReplayedIntoTheNextRoundIsRefusedAndRoundTwoIsNotDecrypted() throws Exception {
    RunRequest request = RunRequest.builder().analysts(3).rounds(2).cloudMode("untrusted").seed(12).build();
    Map<Integer, List<Object>> refsByRound = new LinkedHashMap<>();
    List<Throwable> craftedModelRefusals = new ArrayList<>();
    RunReport report = runWithCloud(request, (job, cloud) -> {
      int round = ((Number) job.getVariablesAsMap().get("round")).intValue();
      List<Object> refs = new ArrayList<>((List<?>) job.getVariablesAsMap().get("updateRefs"));
      refsByRound.put(round, refs);
      Map<String, Object> variables = new LinkedHashMap<>(cloud.honestly(job));
      if (round == 2) {
        // the untrusted cloud publishes a crafted "global model of round 1" for an analyst to build on
        GlobalModels analystModels = federation.context("analyst-1").getBean(GlobalModels.class);
        ExchangeRef crafted = cloud.craftedGlobalModel(job, 1);
        craftedModelRefusals.add(org.assertj.core.api.Assertions.catchThrowable(
            () -> analystModels.baseOf(new JobVariables(cloud.withGlobalModel(job, crafted)), 2)));
        // the IIoT services' own global model of round 1 is accepted (the check is not a blanket refusal)
        ExchangeRef genuine = federation.coordinator().getBean(Exchange.class)
            .list(UUID.fromString((String) job.getVariablesAsMap().get("runId")), ExchangeKinds.GLOBAL_MODEL).stream()
            .filter(ref -> ref.producer().equals("iiot-services")).findFirst().orElseThrow();
        assertThat(analystModels.baseOf(new JobVariables(cloud.withGlobalModel(job, genuine)), 2)).isNotEmpty();
        // analyst-1's signed update of round 1 in place of its round-2 update
        refs.set(0, refsByRound.get(1).get(0));
        variables.put("updateRefs", refs);
      }
      return variables;
    });

    assertThat(report.status()).as("failure: %s; progress: %s", report.failure(), progress)
        .isEqualTo("REJECTED");
    assertThat(report.outcome()).isEqualTo("integrity-violation");
    assertThat(report.failure()).contains("analyst-1").contains("round 1").contains("round 2");
    assertThat(craftedModelRefusals).singleElement().as("an untrusted cloud's global model is refused")
        .isInstanceOf(IntegrityViolationException.class).extracting(Throwable::getMessage).asString()
        .contains("flep-cloud").contains("accepted only from [iiot]");
    UUID runId = UUID.fromString(report.runId());
    Exchange exchange = federation.coordinator().getBean(Exchange.class);
    assertThat(exchange.list(runId, ExchangeKinds.GLOBAL_MODEL)).as("round 1 only, and the cloud's crafted one")
        .extracting(ExchangeRef::producer).containsExactlyInAnyOrder("iiot-services", "flep-cloud");
    assertNothingDecrypted(runId, 2);
  }

  /** What the cloud does with its aggregation job: the variables it completes the job with. */
  @FunctionalInterface
  interface CloudMove {
    Map<String, Object> complete(ActivatedJob job, Cloud cloud) throws Exception;
  }

  /** The cloud party's own beans: what an attacker who runs the cloud has. */
  final class Cloud {
    private final org.springframework.context.ConfigurableApplicationContext context =
        federation.context("flep-cloud");

    /** The real worker's result for the job. */
    Map<String, Object> honestly(ActivatedJob job) {
      return context.getBean(AggregateEncryptedWorker.class).aggregate(job);
    }

    /** A model of the cloud's making, published and signed by the cloud as the global model of {@code round}. */
    ExchangeRef craftedGlobalModel(ActivatedJob job, int round) {
      ModelArchitecture architecture = context.getBean(ModelArchitecture.class);
      float[] crafted = new float[architecture.parameterCount()];
      java.util.Arrays.fill(crafted, 0.5f);
      return context.getBean(ExchangeObjects.class).publish(
          context.getBean(PartyIdentities.class).of("flep-cloud", Roles.CLOUD),
          UUID.fromString((String) job.getVariablesAsMap().get("runId")), ExchangeKinds.GLOBAL_MODEL,
          Map.of("round", Integer.toString(round), "contributors", "3"),
          ModelCodec.encode(architecture.architectureId(), crafted));
    }

    /** {@code job} as an analyst's job would look with {@code globalModelRef} set to {@code global}. */
    ActivatedJob withGlobalModel(ActivatedJob job, ExchangeRef global) {
      Map<String, Object> variables = new LinkedHashMap<>(job.getVariablesAsMap());
      variables.put("globalModelRef", global.toVariable());
      return (ActivatedJob) java.lang.reflect.Proxy.newProxyInstance(ActivatedJob.class.getClassLoader(),
          new Class<?>[] {ActivatedJob.class}, (proxy, method, args) -> method.getName().equals("getVariablesAsMap")
              ? variables : method.invoke(job, args));
    }

    /** The homomorphic sum of {@code refs}, published and signed by the cloud. */
    ExchangeRef aggregateOf(ActivatedJob job, List<Object> refs) throws Exception {
      Map<String, Object> vars = job.getVariablesAsMap();
      HomomorphicKeys.Bound key = context.getBean(HomomorphicKeys.class)
          .withPublicKey(ExchangeRef.fromVariable("heKeyRef", vars.get("heKeyRef")));
      List<ExchangeRef> updates = refs.stream().map(r -> ExchangeRef.fromVariable("updateRefs", r)).toList();
      int round = ((Number) vars.get("round")).intValue();
      HeCiphertext sum = null;
      for (EncryptedUpdates.Contribution c : context.getBean(EncryptedUpdates.class).load(key, round, updates)) {
        sum = sum == null ? c.update() : key.encryption().add(sum, c.update());
      }
      return context.getBean(ExchangeObjects.class).publish(
          context.getBean(PartyIdentities.class).of("flep-cloud", Roles.CLOUD), UUID.fromString((String) vars.get(
              "runId")), ExchangeKinds.ENCRYPTED_AGGREGATE, Map.of("round", Integer.toString(round),
              HomomorphicKeys.HE_KEY, key.ref().address(), "contributors", Integer.toString(sum.contributors())),
          sum.toBytes());
    }
  }

  /** Runs {@code request}, the test taking the cloud's aggregation jobs and completing them as {@code move} says. */
  private RunReport runWithCloud(RunRequest request, CloudMove move) throws Exception {
    RunService runs = federation.coordinator().getBean(RunService.class);
    RunService.StartedRun run = runs.start(request);
    progress.clear();
    // on a thread of its own: following takes minutes, and the common fork-join pool (one thread on two cores) is
    // where the parties' homomorphic encryption fills its randomness
    java.util.concurrent.ExecutorService follower = java.util.concurrent.Executors.newSingleThreadExecutor();
    CompletableFuture<RunReport> followed = CompletableFuture.supplyAsync(
        () -> runs.follow(run, request, progress::add, Duration.ofMinutes(5)), follower);
    follower.shutdown();
    Cloud cloud = new Cloud();
    while (!followed.isDone()) {
      for (ActivatedJob job : engine.newActivateJobsCommand().jobType(JobTypes.AGGREGATE_ENCRYPTED).maxJobsToActivate(1)
          .timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofSeconds(2)).send().join().getJobs()) {
        engine.newCompleteCommand(job.getKey()).variables(move.complete(job, cloud)).send().join();
      }
    }
    RunReport report = followed.join();
    if (!"REJECTED".equals(report.status())) {
      progress.add("jobs: " + federation.engine().queries().jobs(run.processInstanceKey()));
      // where the parties' worker threads are (all parties live in this JVM)
      Thread.getAllStackTraces().forEach((thread, stack) -> {
        boolean ours = java.util.Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("io.flep.workers"));
        if (ours) {
          progress.add("thread " + thread.getName() + " " + thread.getState() + ": "
              + java.util.Arrays.stream(stack).limit(40).map(StackTraceElement::toString).toList());
        }
      });
    }
    return report;
  }

  /** No global model of {@code round}, and no decryption claimed by the IIoT services for it. */
  private void assertNothingDecrypted(UUID runId, int round) {
    Exchange exchange = federation.coordinator().getBean(Exchange.class);
    assertThat(exchange.list(runId, ExchangeKinds.GLOBAL_MODEL)).as("global models the IIoT services published")
        .filteredOn(ref -> ref.producer().equals("iiot-services")).hasSizeLessThan(round);
    String heKey = exchange.list(runId, ExchangeKinds.HE_PUBLIC_KEY).get(0).address();
    JdbcTemplate iiot = new JdbcTemplate(federation.context("iiot-services").getBean(DataSource.class));
    assertThat(iiot.queryForObject("select count(*) from decryption_claim where he_key = ? and round = ?",
        Integer.class, heKey, round)).as("decryptions of round %s", round).isZero();
    // the refusal is in the decrypting party's signed audit chain
    assertThat(iiot.queryForList("select detail from audit_entry where party = 'iiot-services' and type = 'REFUSED'"
        + " and run_id = ?", String.class, runId)).as("refusals recorded by the IIoT services").isNotEmpty();
    assertThat(iiot.queryForObject("select count(*) from audit_entry where party = 'iiot-services'"
        + " and type = 'POLICY_VERIFIED' and run_id = ?", Integer.class, runId)).as("policy verified").isPositive();
  }
}
