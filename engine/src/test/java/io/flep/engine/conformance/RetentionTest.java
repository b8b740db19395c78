package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ended instances are kept for the retention, then deleted with everything recorded about them. */
class RetentionTest extends ConformanceTest {

  @Test
  void endedInstancesOlderThanTheRetentionAreDeletedAndRunningOnesKept() {
    harness.stop();
    harness.start(options -> options.retention(Duration.ZERO));
    try {
      deploy(Bpmn.createExecutableProcess("retained")
          .startEvent().serviceTask("t", t -> t.zeebeJobType("retention-task")).endEvent().done());
      deploy(Bpmn.createExecutableProcess("retained-running")
          .startEvent().serviceTask("t", t -> t.zeebeJobType("retention-nobody")).endEvent().done());
      completing("retention-task");
      long ended = start("retained", Map.of("x", 1));
      awaitState(ended, "COMPLETED");
      long running = start("retained-running", Map.of("x", 2));

      assertThat(harness.engine().cleanUpEndedInstances()).isEqualTo(1);
      assertThat(queries().processInstance(ended)).isEmpty();
      assertThat(queries().elementInstances(ended)).isEmpty();
      assertThat(queries().variables(ended)).isEmpty();
      assertThat(queries().jobs(ended)).isEmpty();
      assertThat(queries().takenFlows(ended)).isEmpty();
      assertThat(queries().processInstance(running)).get().extracting(p -> p.state()).isEqualTo("ACTIVE");
      assertThat(queries().variables(running)).isNotEmpty();
    } finally {
      harness.stop();
      harness.start();
    }
  }

  @Test
  void withinTheRetentionNothingIsDeleted() {
    deploy(Bpmn.createExecutableProcess("kept").startEvent().endEvent().done());
    long ended = start("kept", Map.of());
    awaitState(ended, "COMPLETED");
    assertThat(harness.engine().cleanUpEndedInstances()).isZero();
    assertThat(queries().processInstance(ended)).isPresent();
  }
}
