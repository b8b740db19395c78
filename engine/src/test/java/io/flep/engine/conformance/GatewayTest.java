package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flep.engine.query.EngineQueries;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exclusive, parallel and inclusive gateways; the no-matching-flow and FEEL-error incidents. */
class GatewayTest extends ConformanceTest {

  @Test
  void exclusiveGatewayTakesTheFirstTrueConditionElseTheDefault() {
    deploy(Bpmn.createExecutableProcess("xor")
        .startEvent()
        .exclusiveGateway("split").defaultFlow()
        .scriptTask("small", s -> s.zeebeExpression("\"small\"").zeebeResultVariable("size"))
        .endEvent("endSmall")
        .moveToNode("split").conditionExpression("x > 10")
        .scriptTask("big", s -> s.zeebeExpression("\"big\"").zeebeResultVariable("size"))
        .endEvent("endBig")
        .done());
    assertThat(runToEnd("xor", Map.of("x", 11))).containsEntry("size", "big");
    assertThat(runToEnd("xor", Map.of("x", 3))).containsEntry("size", "small");
  }

  @Test
  void parallelGatewayForksAndJoinsOnce() {
    deploy(Bpmn.createExecutableProcess("and")
        .startEvent()
        .parallelGateway("fork")
        .serviceTask("a", t -> t.zeebeJobType("and-a"))
        .parallelGateway("join")
        .serviceTask("after", t -> t.zeebeJobType("and-after"))
        .endEvent()
        .moveToNode("fork")
        .serviceTask("b", t -> t.zeebeJobType("and-b"))
        .connectTo("join")
        .done());
    completing("and-a");
    completing("and-b");
    completing("and-after");
    long key = start("and", Map.of());
    awaitState(key, "COMPLETED");
    assertThat(completed(key)).containsEntry("a", 1).containsEntry("b", 1).containsEntry("join", 1)
        .containsEntry("after", 1);
    assertThat(queries().takenFlows(key)).hasSize(7);
  }

  @Test
  void inclusiveGatewayTakesEveryTrueCondition() {
    deploy(Bpmn.createExecutableProcess("or")
        .startEvent()
        .inclusiveGateway("split")
        .conditionExpression("a")
        .scriptTask("ta", s -> s.zeebeExpression("1").zeebeResultVariable("ra"))
        .endEvent()
        .moveToNode("split").conditionExpression("b")
        .scriptTask("tb", s -> s.zeebeExpression("2").zeebeResultVariable("rb"))
        .endEvent()
        .done());
    Map<String, Object> both = runToEnd("or", Map.of("a", true, "b", true));
    assertThat(both).containsEntry("ra", 1).containsEntry("rb", 2);
    Map<String, Object> one = runToEnd("or", Map.of("a", false, "b", true));
    assertThat(one).containsEntry("rb", 2).doesNotContainKey("ra");
  }

  @Test
  void inclusiveJoinWaitsForEveryBranchThatWasTakenAndFiresOnce() {
    deploy(Bpmn.createExecutableProcess("or-join")
        .startEvent()
        .inclusiveGateway("fork")
        .conditionExpression("a").serviceTask("ta", t -> t.zeebeJobType("or-a")).inclusiveGateway("join")
        .serviceTask("after", t -> t.zeebeJobType("or-after")).endEvent()
        .moveToNode("fork").conditionExpression("b").serviceTask("tb", t -> t.zeebeJobType("or-b")).connectTo("join")
        .moveToNode("fork").conditionExpression("c").serviceTask("tc", t -> t.zeebeJobType("or-c")).connectTo("join")
        .done());
    completing("or-a");
    completing("or-after");
    // b completes only once a has long been waiting at the join
    worker("or-b", (client, job) -> {
      Thread.sleep(300);
      client.newCompleteCommand(job).send().join();
    });
    long key = start("or-join", Map.of("a", true, "b", true, "c", false));
    awaitState(key, "COMPLETED");
    assertThat(completed(key)).containsEntry("ta", 1).containsEntry("tb", 1).containsEntry("join", 1)
        .containsEntry("after", 1).doesNotContainKey("tc");
  }

  @Test
  void noMatchingFlowRaisesAConditionIncidentThatSetVariablesAndResolveFix() {
    deploy(Bpmn.createExecutableProcess("stuck")
        .startEvent()
        .exclusiveGateway("decide")
        .conditionExpression("go = \"yes\"")
        .endEvent("done")
        .moveToNode("decide").conditionExpression("go = \"no\"")
        .endEvent("other")
        .done());
    long key = start("stuck", Map.of("go", "maybe"));
    EngineQueries.IncidentView incident = awaitIncident(key);
    assertThat(incident.errorType()).isEqualTo("CONDITION_ERROR");
    assertThat(incident.elementId()).isEqualTo("decide");

    client().newSetVariablesCommand(key).variables(Map.of("go", "yes")).send().join();
    client().newResolveIncidentCommand(incident.key()).send().join();
    awaitState(key, "COMPLETED");
    assertThat(completed(key)).containsKey("done").doesNotContainKey("other");
  }

  @Test
  void aFeelErrorInAConditionRaisesAnIncidentNamingTheExpression() {
    deploy(Bpmn.createExecutableProcess("feel-error")
        .startEvent()
        .exclusiveGateway("decide").defaultFlow()
        .endEvent("fallback")
        .moveToNode("decide").conditionExpression("count > limit")
        .endEvent("over")
        .done());
    long key = start("feel-error", Map.of("count", 5));
    EngineQueries.IncidentView incident = awaitIncident(key);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.errorMessage()).contains("count > limit");

    client().newSetVariablesCommand(key).variables(Map.of("limit", 3)).send().join();
    client().newResolveIncidentCommand(incident.key()).send().join();
    awaitState(key, "COMPLETED");
    assertThat(completed(key)).containsKey("over").doesNotContainKey("fallback");
    assertThat(queries().incidents(key)).singleElement().extracting(EngineQueries.IncidentView::state)
        .isEqualTo("RESOLVED");
  }
}
