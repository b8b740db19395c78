package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Timer catch events, interrupting and non-interrupting boundary timers, timer start events. */
class TimerEventTest extends ConformanceTest {

  @Test
  void anIntermediateTimerWaitsItsDuration() {
    deploy(Bpmn.createExecutableProcess("timer-catch")
        .startEvent()
        .intermediateCatchEvent("wait", e -> e.timerWithDurationExpression("pause"))
        .endEvent("after")
        .done());
    long started = System.currentTimeMillis();
    long key = start("timer-catch", Map.of("pause", "PT0.5S"));
    awaitState(key, "COMPLETED");
    long waited = queries().elementInstances(key).stream().filter(e -> e.elementId().equals("wait"))
        .findFirst().orElseThrow().endDate() - started;
    // a semantic lower bound (the timer must not fire early), not a speed assertion
    assertThat(waited).isGreaterThanOrEqualTo(500);
  }

  @Test
  void aTimerDateInThePastFiresAtOnce() {
    deploy(Bpmn.createExecutableProcess("timer-date")
        .startEvent()
        .intermediateCatchEvent("at", e -> e.timerWithDate("2020-01-01T00:00:00Z"))
        .endEvent()
        .done());
    awaitState(start("timer-date", Map.of()), "COMPLETED");
  }

  @Test
  void anInterruptingBoundaryTimerCancelsTheTaskAndTakesItsOwnPath() {
    deploy(Bpmn.createExecutableProcess("timer-boundary")
        .startEvent()
        .serviceTask("slow", t -> t.zeebeJobType("timer-never-done"))
        .boundaryEvent("late", b -> b.cancelActivity(true).timerWithDuration("PT0.3S")).endEvent("escalated")
        .moveToActivity("slow").endEvent("normal")
        .done());
    long key = start("timer-boundary", Map.of());
    awaitState(key, "COMPLETED");
    assertThat(completed(key)).containsKeys("late", "escalated").doesNotContainKey("normal");
    assertThat(queries().jobs(key)).singleElement().extracting(j -> j.state()).isEqualTo("CANCELED");
  }

  @Test
  void aNonInterruptingCycleFiresRepeatedlyWhileTheTaskGoesOn() {
    deploy(Bpmn.createExecutableProcess("timer-cycle")
        .startEvent()
        .serviceTask("long", t -> t.zeebeJobType("timer-cycle-task"))
        .boundaryEvent("remind", b -> b.cancelActivity(false).timerWithCycle("R3/PT0.2S"))
        .endEvent("reminded")
        .moveToActivity("long").endEvent("normal")
        .done());
    long key = start("timer-cycle", Map.of());
    await().atMost(TIMEOUT).until(() -> completed(key).getOrDefault("reminded", 0) == 3);
    completing("timer-cycle-task");
    awaitState(key, "COMPLETED");
    assertThat(completed(key)).containsEntry("remind", 3).containsEntry("normal", 1);
  }

  @Test
  void aTimerStartEventStartsInstancesAndARedeployReplacesIt() {
    deploy(Bpmn.createExecutableProcess("timer-start")
        .startEvent("tick").timerWithDate(Instant.now().plusMillis(700).toString())
        .endEvent("v1")
        .done());
    // version 2 replaces version 1's timer before it fires
    deploy(Bpmn.createExecutableProcess("timer-start")
        .startEvent("tick").timerWithCycle("R2/PT0.2S")
        .endEvent("v2")
        .done());
    await().atMost(TIMEOUT).until(() -> queries().processInstancesOf("timer-start").size() == 2);
    await().pollDelay(Duration.ofSeconds(1)).atMost(TIMEOUT).until(() -> true);
    assertThat(queries().processInstancesOf("timer-start")).hasSize(2)
        .allSatisfy(key -> assertThat(queries().processInstance(key)).get()
            .extracting(p -> p.version()).isEqualTo(2));
  }
}
