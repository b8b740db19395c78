package io.flep.workers.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.impl.CamundaObjectMapper;
import io.camunda.client.impl.response.ActivatedJobImpl;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.RunRepository;
import io.flep.workers.store.StageRepository;
import io.flep.workers.testing.EmbeddedFlepTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A job's work lands in the private database once: with its COMPLETED record, or not at all. Jobs are delivered
 * the way the engine delivers them again after a worker's process died: same job key.
 */
class StageRunnerTest extends EmbeddedFlepTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong JOB_KEYS = new AtomicLong(9_000_000_000L);

  @Autowired StageRunner runner;
  @Autowired StageRepository stages;
  @Autowired RunRepository runs;
  @Autowired ArtifactStore artifacts;
  @Autowired JdbcTemplate jdbc;

  private UUID runId;

  @BeforeEach
  void run() {
    runId = UUID.randomUUID();
    runs.create(runId, "embedded", "{}");
  }

  @Test
  void aFailedAttemptLeavesNoWritesBehindOnlyItsRecord() {
    ActivatedJob job = job(JOB_KEYS.incrementAndGet());

    assertThatThrownBy(() -> runner.run(job, Stage.GENERATE, "data-owner", () -> {
      storeArtifact();
      throw new IllegalStateException("the device went offline");
    })).hasMessageContaining("the device went offline");

    assertThat(artifactsOfRun()).as("the attempt's artifact is rolled back").isZero();
    assertThat(stages.forRun(runId)).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo("RETRYING"));
  }

  @Test
  void aJobDeliveredAgainAfterItCompletedIsAnsweredFromItsRecordWithoutWorkingAgain() throws Exception {
    ActivatedJob job = job(JOB_KEYS.incrementAndGet());
    AtomicInteger executions = new AtomicInteger();
    TaskBody body = () -> {
      executions.incrementAndGet();
      return TaskResult.of(Map.of("rawDataRef", storeArtifact()), Map.of("images", 1));
    };

    Map<String, Object> first = runner.run(job, Stage.GENERATE, "data-owner", body);
    Map<String, Object> again = runner.run(job, Stage.GENERATE, "data-owner", body);

    assertThat(asJson(again)).as("the variables the engine gets").isEqualTo(asJson(first));
    assertThat(executions).hasValue(1);
    assertThat(artifactsOfRun()).isEqualTo(1);
    assertThat(stages.forRun(runId)).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo("COMPLETED"));
  }

  @Test
  void aJobWhoseWorkerDiedTakesOverItsRunningRecord() {
    ActivatedJob job = job(JOB_KEYS.incrementAndGet());
    // the process that ran it first recorded the start, then died: nothing of its work was committed
    stages.start(runId, Stage.GENERATE.reportName(), job.getType(), 2, "data-owner", job.getKey());

    runner.run(job, Stage.GENERATE, "data-owner", () -> TaskResult.of(Map.of("rawDataRef", storeArtifact()),
        Map.of()));

    List<StageRepository.StageRow> records = stages.forRun(runId);
    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo("COMPLETED");
      assertThat(r.round()).isEqualTo(2);
    });
    assertThat(artifactsOfRun()).isEqualTo(1);
  }

  private Map<String, Object> storeArtifact() {
    return artifacts.put(runId, new ArtifactStore.NewArtifact("raw-data", "data-owner", "text/plain",
        "pixels".getBytes(StandardCharsets.UTF_8), null)).toVariable();
  }

  private static JsonNode asJson(Map<String, Object> variables) throws Exception {
    return JSON.readTree(JSON.writeValueAsString(variables));
  }

  private int artifactsOfRun() {
    return jdbc.queryForObject("select count(*) from artifact where run_id = ?", Integer.class, runId);
  }

  private ActivatedJob job(long key) {
    return new ActivatedJobImpl(new CamundaObjectMapper(), GatewayOuterClass.ActivatedJob.newBuilder()
        .setKey(key).setType(JobTypes.GENERATE).setRetries(3).setCustomHeaders("{}")
        .setVariables("{\"runId\": \"" + runId + "\", \"round\": 2}").build());
  }
}
