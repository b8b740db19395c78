package io.flep.workers.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flep.workers.testing.TestPostgres;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loopback-only embedded engine, driven only through the public Camunda client over gRPC. */
class EmbeddedEngineTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static EmbeddedEngine engine;
  private static CamundaClient client;

  @BeforeAll
  static void startEngine() {
    engine = new EmbeddedEngine(TestPostgres.newDatabase()).start();
    client =
        CamundaClient.newClientBuilder()
            .grpcAddress(engine.grpcAddress())
            .preferRestOverGrpc(false)
            .applyEnvironmentVariableOverrides(false)
            .defaultRequestTimeout(TIMEOUT)
            .build();
    client
        .newDeployResourceCommand()
        .addProcessModel(happyProcess(), "flep-test-happy.bpmn")
        .addProcessModel(fragileProcess(), "flep-test-fragile.bpmn")
        .addResourceFromClasspath("engine/flep-test-route.dmn")
        .send()
        .join();
  }

  @AfterAll
  static void stopEngine() {
    if (client != null) {
      client.close();
    }
    if (engine != null) {
      engine.stop();
    }
  }

  @Test
  void listensOnLoopbackOnlyAndReportsTheRealPort() throws IOException {
    assertThat(engine.port()).isPositive();
    assertThat(engine.grpcAddress()).hasToString("http://127.0.0.1:" + engine.port());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", engine.port()), 2000);
      assertThat(socket.isConnected()).isTrue();
    }

    Optional<InetAddress> external = nonLoopbackAddress();
    Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback address");
    try (Socket socket = new Socket()) {
      assertThatThrownBy(
              () -> socket.connect(new InetSocketAddress(external.get(), engine.port()), 2000))
          .as("connecting to %s:%d", external.get(), engine.port())
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void bindsTheRequestedPort() throws IOException {
    int free;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      free = probe.getLocalPort();
    }
    try (EmbeddedEngine fixed = new EmbeddedEngine(free, 0, TestPostgres.newDatabase(), null).start()) {
      assertThat(fixed.port()).isEqualTo(free);
      assertThat(fixed.grpcAddress()).hasToString("http://127.0.0.1:" + free);
    }
  }

  @Test
  void runsServiceTaskDmnAndBpmnErrorToCompletion() {
    try (JobWorker work =
            client
                .newWorker()
                .jobType("flep.test.work")
                .handler(
                    (jobs, job) ->
                        jobs.newCompleteCommand(job).variables(Map.of("amount", 42)).send().join())
                .open();
        JobWorker risky =
            client
                .newWorker()
                .jobType("flep.test.risky")
                .handler(
                    (jobs, job) ->
                        jobs.newThrowErrorCommand(job)
                            .errorCode("FLEP_TEST_ERROR")
                            .errorMessage("path was " + job.getVariablesAsMap().get("path"))
                            .send()
                            .join())
                .open()) {
      var result =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("flep-test-happy")
              .latestVersion()
              .withResult()
              .requestTimeout(TIMEOUT)
              .send()
              .join();

      assertThat(result.getVariablesAsMap()).containsEntry("path", "big").containsEntry("amount", 42);
      IncidentFeed feed = IncidentFeed.of(engine);
      long key = result.getProcessInstanceKey();
      assertThat(feed.isCompleted(key)).isTrue();
      assertThat(feed.completedElements(key))
          .extracting(IncidentFeed.CompletedElement::elementId)
          .containsSubsequence("work", "decide", "caught", "handled", "flep-test-happy")
          .doesNotContain("risky", "done");
      assertThat(feed.incidents(key)).isEmpty();
      assertThat(feed.stopReason(key)).isEmpty();
    }
  }

  @Test
  void failingAJobWithoutRetriesRaisesAnIncidentTheFeedReports() {
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("flep-test-fragile")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();

    List<ActivatedJob> jobs =
        await()
            .atMost(TIMEOUT)
            .until(
                () ->
                    client
                        .newActivateJobsCommand()
                        .jobType("flep.test.fragile")
                        .maxJobsToActivate(1)
                        .send()
                        .join()
                        .getJobs(),
                activated -> !activated.isEmpty());
    client
        .newFailCommand(jobs.get(0))
        .retries(0)
        .errorMessage("integrity check failed")
        .send()
        .join();

    IncidentFeed feed = IncidentFeed.of(engine);
    await().atMost(TIMEOUT).until(() -> !feed.openIncidents(key).isEmpty());
    IncidentFeed.Incident incident = feed.openIncidents(key).get(0);
    assertThat(incident.elementId()).isEqualTo("fragile");
    assertThat(incident.errorType()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.errorMessage()).isEqualTo("integrity check failed");
    assertThat(incident.jobKey()).isEqualTo(jobs.get(0).getKey());
    assertThat(feed.stopReason(key)).contains("run stopped at fragile: integrity check failed");
    assertThat(feed.isCompleted(key)).isFalse();
  }

  /** work (job) -> decide (DMN) -> risky (job throwing a BPMN error caught by a boundary event). */
  private static BpmnModelInstance happyProcess() {
    return Bpmn.createExecutableProcess("flep-test-happy")
        .startEvent("start")
        .serviceTask("work", t -> t.zeebeJobType("flep.test.work"))
        .businessRuleTask(
            "decide",
            t -> t.zeebeCalledDecisionId("flep-test-route-decision").zeebeResultVariable("path"))
        .serviceTask("risky", t -> t.zeebeJobType("flep.test.risky"))
        .boundaryEvent("caught", b -> b.error("FLEP_TEST_ERROR"))
        .endEvent("handled")
        .moveToActivity("risky")
        .endEvent("done")
        .done();
  }

  private static BpmnModelInstance fragileProcess() {
    return Bpmn.createExecutableProcess("flep-test-fragile")
        .startEvent()
        .serviceTask("fragile", t -> t.zeebeJobType("flep.test.fragile"))
        .endEvent()
        .done();
  }

  /** A non-loopback address of this machine, IPv4 first; link-local IPv6 is skipped (needs a scope). */
  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(
            nic -> {
              try {
                return nic.isUp() && !nic.isLoopback();
              } catch (SocketException e) {
                return false;
              }
            })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
        .filter(a -> a instanceof Inet4Address || a instanceof Inet6Address)
        .min(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1));
  }
}
