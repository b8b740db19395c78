package io.flep.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flep.workers.testing.FlepCli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flep engine}: the engine alone in a process of its own, and its benchmark. */
class EngineCommandTest {
  private static final Pattern READY = Pattern.compile("engine ready: gRPC (\\S+)\\s+REST (\\S+)");

  @Test
  void theEngineRunsAloneServesTheClientAndStopsCleanlyOnSigterm(@TempDir Path dataDir) throws Exception {
    Process engine =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                FlepMain.class.getName(), "engine", "--port", "0", "--rest-port", "0",
                "--data-dir", dataDir.toString())
            .redirectError(dataDir.resolve("stderr.txt").toFile())
            .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).as("first line of flep engine (stderr: %s)", stderr(dataDir)).isNotNull();
      Matcher ready = READY.matcher(line);
      assertThat(ready.find()).as(line).isTrue();
      try (CamundaClient client =
          CamundaClient.newClientBuilder()
              .grpcAddress(URI.create(ready.group(1)))
              .restAddress(URI.create(ready.group(2)))
              .preferRestOverGrpc(false)
              .applyEnvironmentVariableOverrides(false)
              .defaultRequestTimeout(Duration.ofSeconds(20))
              .build()) {
        client.newDeployResourceCommand()
            .addProcessModel(Bpmn.createExecutableProcess("alone").startEvent()
                .serviceTask("t", t -> t.zeebeJobType("alone-task")).endEvent().done(), "alone.bpmn")
            .send().join();
        client.newWorker().jobType("alone-task")
            .handler((jobs, job) -> jobs.newCompleteCommand(job).variables(Map.of("done", true)).send().join())
            .open();
        var result = client.newCreateInstanceCommand().bpmnProcessId("alone").latestVersion().withResult()
            .send().join();
        assertThat(result.getVariablesAsMap()).containsEntry("done", true);
        assertThat(client.newProcessInstanceGetRequest(result.getProcessInstanceKey()).send().join().getState())
            .hasToString("COMPLETED");
      }
      engine.destroy(); // SIGTERM, as Ctrl-C would
      assertThat(engine.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(stderr(dataDir)).contains("flep engine: stopped");
      assertThat(dataDir.resolve("postgres/postmaster.pid")).as("PostgreSQL stopped too").doesNotExist();
    } finally {
      engine.destroyForcibly();
    }
  }

  @Test
  void aPortInUseIsAClearErrorAndNothingKeepsRunning(@TempDir Path dataDir) throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      FlepCli.Result result = FlepCli.run("engine", "--port", Integer.toString(busy.getLocalPort()),
          "--rest-port", "0", "--data-dir", dataDir.toString());
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).contains("cannot bind the engine").contains(Integer.toString(busy.getLocalPort()));
    }
    assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
  }

  @Test
  void theBenchmarkReportsThroughputLatencyHeapAndDatabaseSize(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("bench.json");
    FlepCli.Result result = FlepCli.run("engine", "bench", "--instances", "200", "--in-flight", "8", "--json",
        json.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("instances/s");
    JsonNode figures = new ObjectMapper().readTree(Files.readString(json));
    assertThat(figures.get("instances").asInt()).isEqualTo(200);
    assertThat(figures.get("instancesPerSecond").asDouble()).isPositive();
    assertThat(figures.get("p95LatencyMs").asDouble()).isGreaterThanOrEqualTo(figures.get("p50LatencyMs").asDouble());
    assertThat(figures.get("peakHeapMb").asDouble()).isPositive();
    assertThat(figures.get("databaseSizeMb").asDouble()).isPositive();
    assertThat(figures.get("heapAfterMb").has("200")).isTrue();
  }

  @Test
  void anAddressBeyondLoopbackNeedsClientsAndTls(@TempDir Path dataDir) {
    FlepCli.Result result = FlepCli.run("engine", "--bind", "0.0.0.0", "--port", "0", "--rest-port", "0",
        "--data-dir", dataDir.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("without TLS and authentication");
    assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
  }

  @Test
  void hashSecretReadsTheSecretFromStandardInput() {
    java.io.InputStream original = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream("a-client-secret-0123456789\n".getBytes(StandardCharsets.UTF_8)));
      FlepCli.Result result = FlepCli.run("engine", "hash-secret");
      assertThat(result.exitCode()).as(result.err()).isZero();
      String hash = result.out().strip();
      assertThat(hash).startsWith("pbkdf2-sha256$").doesNotContain("a-client-secret");
      assertThat(io.flep.engine.auth.SecretHash.parse(hash).matches("a-client-secret-0123456789".toCharArray()))
          .isTrue();
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void badBenchArgumentsAreNamed() {
    FlepCli.Result result = FlepCli.run("engine", "bench", "--in-flight", "0");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("--in-flight must be between 1 and 256");
  }

  private static String stderr(Path dataDir) throws Exception {
    Path file = dataDir.resolve("stderr.txt");
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
