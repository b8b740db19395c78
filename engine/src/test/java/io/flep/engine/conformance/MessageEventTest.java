package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Message catch and boundary events, message start events, PublishMessage with correlation key and TTL. */
class MessageEventTest extends ConformanceTest {

  @Test
  void aMessageIsCorrelatedByNameAndKeyAndBringsItsVariables() {
    deploy(Bpmn.createExecutableProcess("msg-catch")
        .startEvent()
        .intermediateCatchEvent("approved", e -> e.message(m -> m.name("approval").zeebeCorrelationKeyExpression("orderId")))
        .endEvent()
        .done());
    long a = start("msg-catch", Map.of("orderId", "A"));
    long b = start("msg-catch", Map.of("orderId", "B"));
    await().atMost(TIMEOUT).until(() -> queries().elementInstances(b).stream()
        .anyMatch(e -> e.elementId().equals("approved")));
    client().newPublishMessageCommand().messageName("approval").correlationKey("B")
        .variables(Map.of("approver", "eve")).send().join();
    awaitState(b, "COMPLETED");
    assertThat(queries().processInstance(a)).get().extracting(p -> p.state()).isEqualTo("ACTIVE");
    assertThat(queries().variables(b)).anySatisfy(v -> {
      assertThat(v.name()).isEqualTo("approver");
      assertThat(v.value()).isEqualTo("\"eve\"");
    });
  }

  @Test
  void aMessageWithTimeToLiveWaitsForALaterSubscription() {
    deploy(Bpmn.createExecutableProcess("msg-buffered")
        .startEvent()
        .intermediateCatchEvent("later", e -> e.message(m -> m.name("early-bird").zeebeCorrelationKeyExpression("k")))
        .endEvent()
        .done());
    client().newPublishMessageCommand().messageName("early-bird").correlationKey("42")
        .timeToLive(Duration.ofMinutes(1)).send().join();
    long key = start("msg-buffered", Map.of("k", 42));
    awaitState(key, "COMPLETED");
  }

  @Test
  void aDuplicateMessageIdIsRejectedWhileTheFirstIsBuffered() {
    client().newPublishMessageCommand().messageName("once").correlationKey("x").messageId("m-1")
        .timeToLive(Duration.ofMinutes(1)).send().join();
    assertThatThrownBy(() -> client().newPublishMessageCommand().messageName("once").correlationKey("x")
        .messageId("m-1").timeToLive(Duration.ofMinutes(1)).send().join())
        .isInstanceOf(ClientStatusException.class).hasMessageContaining("m-1");
  }

  @Test
  void anInterruptingMessageBoundaryCancelsTheTask() {
    deploy(Bpmn.createExecutableProcess("msg-boundary")
        .startEvent()
        .serviceTask("work", t -> t.zeebeJobType("msg-never-done"))
        .boundaryEvent("cancelled", b -> b.message(m -> m.name("stop").zeebeCorrelationKeyExpression("id")))
        .endEvent("stopped")
        .moveToActivity("work").endEvent("normal")
        .done());
    long key = start("msg-boundary", Map.of("id", "w1"));
    await().atMost(TIMEOUT).until(() -> !queries().jobs(key).isEmpty());
    client().newPublishMessageCommand().messageName("stop").correlationKey("w1").send().join();
    awaitState(key, "COMPLETED");
    assertThat(completed(key)).containsKeys("cancelled", "stopped").doesNotContainKey("normal");
  }

  @Test
  void aMessageStartEventStartsOneInstancePerCorrelationKey() {
    deploy(Bpmn.createExecutableProcess("msg-start")
        .startEvent("order").message("new-order")
        .serviceTask("handle", t -> t.zeebeJobType("msg-start-handle"))
        .endEvent()
        .done());
    client().newPublishMessageCommand().messageName("new-order").correlationKey("o-1")
        .variables(Map.of("item", "bolt")).send().join();
    client().newPublishMessageCommand().messageName("new-order").correlationKey("o-1").send().join();
    client().newPublishMessageCommand().messageName("new-order").correlationKey("o-2").send().join();
    await().atMost(TIMEOUT).until(() -> queries().processInstancesOf("msg-start").size() == 2);
    long first = queries().processInstancesOf("msg-start").get(0);
    assertThat(queries().variables(first)).anySatisfy(v -> assertThat(v.name()).isEqualTo("item"));
  }
}
