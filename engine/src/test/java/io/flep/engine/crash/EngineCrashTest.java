package io.flep.engine.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flep.engine.query.EngineQueries;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine is killed with SIGKILL while instances are being created and jobs completed. After a
 * restart on the same database, everything a client was told has happened has happened: every
 * acknowledged instance exists, every acknowledged job completion stays done, and every instance
 * runs to its end.
 */
class EngineCrashTest {
  static final String SCHEMA = "crash";

  @TempDir Path dir;

  @Test
  void nothingAcknowledgedIsLostWhenTheEngineIsKilled() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      Set<Long> created = ConcurrentHashMap.newKeySet();
      Set<Long> completed = ConcurrentHashMap.newKeySet();

      Process engine = startEngine(url, "first");
      try (CamundaClient client = client(port("first"))) {
        client.newDeployResourceCommand()
            .addProcessModel(
                Bpmn.createExecutableProcess("crash")
                    .startEvent()
                    .serviceTask("one", t -> t.zeebeJobType("crash-one"))
                    .serviceTask("two", t -> t.zeebeJobType("crash-two"))
                    .endEvent()
                    .done(),
                "crash.bpmn")
            .send().join();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread creator = new Thread(() -> {
          while (running.get()) {
            try {
              created.add(client.newCreateInstanceCommand().bpmnProcessId("crash").latestVersion()
                  .variables(Map.of("n", created.size())).send().join().getProcessInstanceKey());
            } catch (RuntimeException engineGone) {
              return;
            }
          }
        });
        Thread worker = new Thread(() -> {
          while (running.get()) {
            try {
              for (ActivatedJob job : client.newActivateJobsCommand().jobType("crash-one").maxJobsToActivate(16)
                  .timeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofMillis(200)).send().join().getJobs()) {
                client.newCompleteCommand(job).send().join();
                completed.add(job.getKey());
              }
            } catch (RuntimeException engineGone) {
              return;
            }
          }
        });
        creator.start();
        worker.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> completed.size() >= 50);
        engine.destroyForcibly().waitFor(); // SIGKILL on Linux: no shutdown hook, no graceful close
        running.set(false);
        creator.join(10_000);
        worker.join(10_000);
      }
      assertThat(created).hasSizeGreaterThanOrEqualTo(50);

      Process restarted = startEngine(url, "second");
      try (CamundaClient client = client(port("second"))) {
        EngineQueries queries = new EngineQueries(postgres.getPostgresDatabase(), SCHEMA);
        for (long key : created) {
          assertThat(queries.processInstance(key)).as("acknowledged instance %d", key).isPresent();
        }
        for (long key : completed) {
          List<EngineQueries.JobView> jobs =
              created.stream().flatMap(k -> queries.jobs(k).stream()).filter(j -> j.key() == key).toList();
          assertThat(jobs).as("acknowledged completion of job %d", key).singleElement()
              .extracting(EngineQueries.JobView::state).isEqualTo("COMPLETED");
        }
        // the rest runs to the end after the restart (jobs activated before the kill come back after their timeout)
        AtomicBoolean running = new AtomicBoolean(true);
        Thread worker = new Thread(() -> {
          while (running.get()) {
            for (String type : List.of("crash-one", "crash-two")) {
              for (ActivatedJob job : client.newActivateJobsCommand().jobType(type).maxJobsToActivate(32)
                  .timeout(Duration.ofSeconds(30)).requestTimeout(Duration.ofMillis(200)).send().join().getJobs()) {
                client.newCompleteCommand(job).send().join();
              }
            }
          }
        });
        worker.start();
        try {
          await().atMost(Duration.ofSeconds(90)).until(() -> created.stream()
              .allMatch(k -> queries.processInstance(k).map(p -> p.state().equals("COMPLETED")).orElse(false)));
        } finally {
          running.set(false);
          worker.join(10_000);
        }
      } finally {
        restarted.destroyForcibly().waitFor();
      }
    }
  }

  private Process startEngine(String url, String name) throws IOException {
    Path log = dir.resolve(name + ".log");
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            EngineMain.class.getName(), url, SCHEMA, dir.resolve(name + ".port").toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private int port(String name) throws IOException {
    Path file = dir.resolve(name + ".port");
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(file));
    return Integer.parseInt(Files.readString(file).strip());
  }

  private static CamundaClient client(int port) {
    URI address = URI.create("http://127.0.0.1:" + port);
    return CamundaClient.newClientBuilder()
        .grpcAddress(address)
        .restAddress(address)
        .preferRestOverGrpc(false)
        .applyEnvironmentVariableOverrides(false)
        .defaultRequestTimeout(Duration.ofSeconds(10))
        .build();
  }
}
