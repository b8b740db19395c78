package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event-based gateway: the first of its events to happen decides the path; the others are cancelled. */
class EventBasedGatewayTest extends ConformanceTest {

  static BpmnModelInstance model() {
    return Bpmn.createExecutableProcess("race")
        .startEvent()
        .eventBasedGateway("first")
        .intermediateCatchEvent("answer", e -> e.message(m -> m.name("answer").zeebeCorrelationKeyExpression("id")))
        .endEvent("answered")
        .moveToNode("first")
        .intermediateCatchEvent("timeout", e -> e.timerWithDurationExpression("patience"))
        .endEvent("gaveUp")
        .done();
  }

  @BeforeEach
  void deployModel() {
    deploy(model());
  }

  @Test
  void theMessageWinsWhenItComesFirstAndBringsItsVariables() {
    long key = start("race", Map.of("id", "q1", "patience", "PT1M"));
    await().atMost(TIMEOUT).until(() -> queries().elementInstances(key).stream()
        .anyMatch(e -> e.elementId().equals("first")));
    client().newPublishMessageCommand().messageName("answer").correlationKey("q1")
        .variables(Map.of("reply", "yes")).send().join();
    awaitState(key, "COMPLETED");
    assertThat(completed(key)).containsKeys("first", "answer", "answered").doesNotContainKeys("timeout", "gaveUp");
    assertThat(queries().variables(key)).anySatisfy(v -> assertThat(v.name()).isEqualTo("reply"));
  }

  @Test
  void theTimerWinsWhenNoMessageComes() {
    long key = start("race", Map.of("id", "q2", "patience", "PT0.3S"));
    awaitState(key, "COMPLETED");
    assertThat(completed(key)).containsKeys("timeout", "gaveUp").doesNotContainKeys("answer", "answered");
    // the message subscription was closed with the gateway: a late message starts nothing and matches nothing
    client().newPublishMessageCommand().messageName("answer").correlationKey("q2").send().join();
    assertThat(completed(key)).doesNotContainKey("answer");
  }
}
