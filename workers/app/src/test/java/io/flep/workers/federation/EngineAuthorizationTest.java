package io.flep.workers.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flep.workers.engine.EmbeddedEngine;
import io.flep.workers.engine.FederationEngineClients;
import io.flep.workers.engine.PartyEnginePermissions;
import io.flep.workers.run.RunService;
import io.flep.workers.task.JobTypes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 13's attacks on the engine of a federation, through the real engine as {@code ./flep run} starts it (the
 * admin has deployed the models) and with the parties' own clients, credentials and permissions: an analyst starts a
 * run; an analyst activates another analyst's or the data owner's job types, or completes a job it did not activate;
 * a party deploys a model; a call carries no token. Each is refused. That the parties' own work still passes is
 * {@link FederationRunTest}'s run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineAuthorizationTest {
  Path root;
  List<PartySpec> parties;
  EmbeddedEngine engine;

  @BeforeAll
  void start() throws IOException {
    root = Files.createTempDirectory("flep-engine-auth-");
    parties = PartySpec.forRun(root, "flep-cloud", List.of("analyst-1", "analyst-2"));
    FederationEngineClients clients = FederationEngine.issueClients(parties);
    engine = FederationEngine.start(root, clients);
  }

  @AfterAll
  void stop() {
    if (engine != null) {
      engine.stop();
    }
  }

  @Test
  void onlyTheDataOwnerStartsARun() {
    for (String party : List.of("analyst-1", "flep-cloud", "iiot-services", "auditor", PartyEnginePermissions.ADMIN)) {
      try (CamundaClient client = clientOf(party)) {
        assertRefused(() -> startRun(client), Status.Code.PERMISSION_DENIED,
            "client '" + party + "' may not use CreateProcessInstance");
      }
    }
    try (CamundaClient dataOwner = clientOf("data-owner")) {
      assertThat(startRun(dataOwner)).as("the admin deployed the lifecycle model").isPositive();
    }
  }

  @Test
  void anAnalystActivatesOnlyItsOwnJobTypes() {
    try (CamundaClient analyst = clientOf("analyst-1")) {
      for (String foreign : List.of(JobTypes.forAnalyst("analyst-2", JobTypes.TRAIN),
          JobTypes.forAnalyst("analyst-2", JobTypes.ANALYST_DECRYPT), JobTypes.GENERATE, JobTypes.SHARE_DATA_KEY,
          JobTypes.RUN_FINISHED, JobTypes.AGGREGATE_ENCRYPTED, JobTypes.ISSUE_HE_KEYS, JobTypes.TRAIN)) {
        assertRefused(() -> analyst.newActivateJobsCommand().jobType(foreign).maxJobsToActivate(1).send().join(),
            Status.Code.PERMISSION_DENIED, "may not activate jobs of type '" + foreign + "'");
      }
      // nor by a job stream, which no party uses
      assertRefused(() -> analyst.newStreamJobsCommand().jobType(JobTypes.forAnalyst("analyst-1", JobTypes.TRAIN))
              .consumer(job -> { }).send().get(20, TimeUnit.SECONDS),
          Status.Code.PERMISSION_DENIED, "client 'analyst-1' may not use StreamActivatedJobs");
      List<ActivatedJob> own = analyst.newActivateJobsCommand()
          .jobType(JobTypes.forAnalyst("analyst-1", JobTypes.TRAIN)).maxJobsToActivate(1)
          .requestTimeout(Duration.ofMillis(200)).send().join().getJobs();
      assertThat(own).as("no run is waiting for analyst-1").isEmpty();
    }
    try (CamundaClient cloud = clientOf("flep-cloud")) {
      assertRefused(() -> cloud.newActivateJobsCommand().jobType(JobTypes.DECRYPT_AGGREGATE).maxJobsToActivate(1)
          .send().join(), Status.Code.PERMISSION_DENIED, "may not activate jobs of type 'flep.iiot.decrypt-aggregate'");
    }
  }

  @Test
  void nobodyButItsOwnerCompletesFailsOrEndsAJob() {
    ActivatedJob generate;
    try (CamundaClient dataOwner = clientOf("data-owner")) {
      startRun(dataOwner);
      generate = dataOwner.newActivateJobsCommand().jobType(JobTypes.GENERATE).maxJobsToActivate(1)
          .requestTimeout(Duration.ofSeconds(10)).send().join().getJobs().get(0);
    }
    String refusal = "may not handle jobs of type '" + JobTypes.GENERATE + "'";
    for (String party : List.of("analyst-1", "flep-cloud")) {
      try (CamundaClient other = clientOf(party)) {
        assertRefused(() -> other.newCompleteCommand(generate.getKey()).variables(Map.of("shards", "forged"))
            .send().join(), Status.Code.PERMISSION_DENIED, refusal);
        assertRefused(() -> other.newFailCommand(generate.getKey()).retries(0).errorMessage("sabotage").send().join(),
            Status.Code.PERMISSION_DENIED, refusal);
        assertRefused(() -> other.newThrowErrorCommand(generate.getKey()).errorCode("integrity-violation").send()
            .join(), Status.Code.PERMISSION_DENIED, refusal);
        assertRefused(() -> other.newUpdateRetriesCommand(generate.getKey()).retries(0).send().join(),
            Status.Code.PERMISSION_DENIED, "client '" + party + "' may not use UpdateJobRetries");
      }
    }
    assertThat(engine.queries().jobs(generate.getProcessInstanceKey()))
        .filteredOn(j -> j.key() == generate.getKey()).singleElement()
        .satisfies(j -> assertThat(j.state()).as("untouched by the others").isEqualTo("ACTIVATED"));
  }

  @Test
  void noPartyDeploysAModel() {
    for (PartySpec party : parties) {
      try (CamundaClient client = clientOf(party.id())) {
        assertRefused(() -> client.newDeployResourceCommand()
                .addProcessModel(Bpmn.createExecutableProcess(RunService.PROCESS_ID).startEvent().endEvent().done(),
                    "flep-lifecycle.bpmn")
                .send().join(),
            Status.Code.PERMISSION_DENIED, "client '" + party.id() + "' may not use DeployResource");
      }
    }
  }

  @Test
  void aCallWithoutATokenIsRefusedOnGrpcAndRest() throws Exception {
    try (CamundaClient anonymous = engine.newClientBuilder().build()) {
      assertRefused(() -> startRun(anonymous), Status.Code.UNAUTHENTICATED, "bearer token");
      assertRefused(() -> anonymous.newActivateJobsCommand().jobType(JobTypes.GENERATE).maxJobsToActivate(1).send()
          .join(), Status.Code.UNAUTHENTICATED, "bearer token");
    }
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> anonymousSearch = http.send(HttpRequest.newBuilder(
            URI.create(engine.restAddress() + "/v2/process-instances/search"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymousSearch.statusCode()).as(anonymousSearch.body()).isEqualTo(401);
    try (CamundaClient analyst = clientOf("analyst-1")) {
      assertThatThrownBy(() -> analyst.newProcessInstanceSearchRequest().send().join())
          .as("a party's token does not open the monitoring API either")
          .hasMessageContaining("client 'analyst-1' may not use Search");
    }
  }

  private long startRun(CamundaClient client) {
    return client.newCreateInstanceCommand().bpmnProcessId(RunService.PROCESS_ID).latestVersion()
        .variables(Map.of("runId", UUID.randomUUID().toString())).send().join().getProcessInstanceKey();
  }

  /** The client a party of this federation gets: its own id and secret, through the standard OAuth support. */
  private CamundaClient clientOf(String clientId) {
    return engine.newClientBuilder(clientId, root.resolve("tokens").resolve(clientId)).build();
  }

  /** The call fails with the gRPC status {@code code} and a description containing {@code message}. */
  private static void assertRefused(ThrowingCallable call, Status.Code code, String message) {
    assertThatThrownBy(call).satisfies(e -> {
      Status status = null;
      for (Throwable t = e; t != null && status == null; t = t.getCause()) {
        if (t instanceof ClientStatusException client) {
          status = client.getStatus();
        } else if (t instanceof StatusRuntimeException grpc) { // a job stream reports the bare gRPC status
          status = grpc.getStatus();
        }
      }
      assertThat(status).as("a gRPC status in %s", e.toString()).isNotNull();
      assertThat(status.getCode()).as(status.toString()).isEqualTo(code);
      assertThat(status.getDescription()).contains(message);
    });
  }
}
