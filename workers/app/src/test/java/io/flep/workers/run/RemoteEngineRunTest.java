package io.flep.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.workers.FlepApplication;
import io.flep.workers.engine.EmbeddedEngine;
import io.flep.workers.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code flep.engine=remote}: the workers start no engine and reach an engine they did not start — here a
 * separate engine on loopback standing in for a Camunda 8 cluster — through the standard
 * {@code camunda.client.*} settings, exactly as they would reach a self-managed cluster.
 */
@SpringBootTest(classes = FlepApplication.class)
@DirtiesContext
class RemoteEngineRunTest {
  static final Path DATA = TestDirectories.create("remote-data");
  static final EmbeddedEngine CLUSTER = new EmbeddedEngine(TestPostgres.newDatabase()).start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("flep.data-dir", DATA::toString);
    registry.add("flep.plugins-dir", () -> DATA.resolve("plugins").toString());
    registry.add("flep.engine", () -> "remote");
    registry.add("flep.evaluation", () -> "true");
    registry.add("camunda.client.mode", () -> "self-managed");
    registry.add("camunda.client.grpc-address", () -> CLUSTER.grpcAddress().toString());
    registry.add("camunda.client.rest-address", () -> CLUSTER.restAddress().toString());
    registry.add("camunda.client.prefer-rest-over-grpc", () -> "false");
  }

  @AfterAll
  static void stopCluster() {
    CLUSTER.close();
  }

  @Autowired RunService runs;
  @Autowired ApplicationContext context;

  @Test
  void theSameWorkersRunTheLifecycleAgainstAnEngineTheyDidNotStart() {
    assertThat(context.getBeansOfType(EmbeddedEngine.class)).as("no engine of its own").isEmpty();

    RunReport report = runs.execute(RunRequest.builder().analysts(2).minContributors(2).rounds(1).seed(3).build(), line -> {},
        Duration.ofMinutes(10));

    assertThat(report.status()).as(report.failure()).isEqualTo("COMPLETED");
    assertThat(report.engine()).isEqualTo("remote");
    assertThat(report.rounds()).singleElement().satisfies(r -> {
      assertThat(r.path()).isEqualTo("untrusted");
      assertThat(r.maxAbsDiffVsPlaintextFedAvg()).isLessThanOrEqualTo(1e-4);
    });
  }
}
