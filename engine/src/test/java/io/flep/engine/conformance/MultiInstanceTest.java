package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Multi-instance: input/output collections in input order, loopCounter, completion condition. */
class MultiInstanceTest extends ConformanceTest {

  @Test
  void parallelInstancesCollectTheirOutputsInInputOrder() {
    deploy(Bpmn.createExecutableProcess("mi-parallel")
        .startEvent()
        .serviceTask("square", t -> t.zeebeJobType("mi-square")
            .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("items").zeebeInputElement("item")
                .zeebeOutputCollection("squares").zeebeOutputElementExpression("square")))
        .endEvent()
        .done());
    List<Object> counters = new CopyOnWriteArrayList<>();
    // complete in reverse arrival order to show the output keeps the input order
    worker("mi-square", (client, job) -> {
      Map<String, Object> vars = job.getVariablesAsMap();
      counters.add(vars.get("loopCounter"));
      int item = (int) vars.get("item");
      client.newCompleteCommand(job).variables(Map.of("square", item * item)).send().join();
    });
    Map<String, Object> result = runToEnd("mi-parallel", Map.of("items", List.of(3, 1, 2)));
    assertThat(result).containsEntry("squares", List.of(9, 1, 4));
    assertThat(counters).containsExactlyInAnyOrder(1, 2, 3);
  }

  @Test
  void sequentialInstancesRunOneAfterAnother() {
    deploy(Bpmn.createExecutableProcess("mi-sequential")
        .startEvent()
        .serviceTask("step", t -> t.zeebeJobType("mi-step")
            .multiInstance(m -> m.sequential().zeebeInputCollectionExpression("items").zeebeInputElement("item")
                .zeebeOutputCollection("seen").zeebeOutputElementExpression("item + \"!\"")))
        .endEvent()
        .done());
    List<Object> order = new CopyOnWriteArrayList<>();
    worker("mi-step", (client, job) -> {
      order.add(job.getVariablesAsMap().get("item"));
      client.newCompleteCommand(job).send().join();
    });
    Map<String, Object> result = runToEnd("mi-sequential", Map.of("items", List.of("a", "b", "c")));
    assertThat(order).containsExactly("a", "b", "c");
    assertThat(result).containsEntry("seen", List.of("a!", "b!", "c!"));
  }

  @Test
  void completionConditionTerminatesTheRemainingInstances() {
    deploy(Bpmn.createExecutableProcess("mi-condition")
        .startEvent()
        .serviceTask("vote", t -> t.zeebeJobType("mi-vote")
            .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("voters").zeebeInputElement("voter")
                .completionCondition("=numberOfCompletedInstances >= 2")))
        .endEvent()
        .done());
    // only two of the three voters ever answer
    worker("mi-vote", (client, job) -> {
      if (!"late".equals(job.getVariablesAsMap().get("voter"))) {
        client.newCompleteCommand(job).send().join();
      }
    });
    long key = start("mi-condition", Map.of("voters", List.of("a", "late", "b")));
    awaitState(key, "COMPLETED");
    assertThat(queries().elementInstances(key).stream().filter(e -> e.elementId().equals("vote")))
        .extracting(e -> e.type() + ":" + e.state())
        .containsExactlyInAnyOrder("MULTI_INSTANCE_BODY:COMPLETED", "SERVICE_TASK:COMPLETED",
            "SERVICE_TASK:COMPLETED", "SERVICE_TASK:TERMINATED");
    assertThat(queries().jobs(key)).filteredOn(j -> j.state().equals("CANCELED")).hasSize(1);
  }

  @Test
  void anEmptyCollectionCompletesAtOnce() {
    deploy(Bpmn.createExecutableProcess("mi-empty")
        .startEvent()
        .serviceTask("never", t -> t.zeebeJobType("mi-never")
            .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("items")
                .zeebeOutputCollection("out").zeebeOutputElementExpression("1")))
        .endEvent()
        .done());
    assertThat(runToEnd("mi-empty", Map.of("items", List.of()))).containsEntry("out", List.of());
  }

  @Test
  void multiInstanceSubprocessKeepsEachInstancesVariablesLocal() {
    deploy(Bpmn.createExecutableProcess("mi-sub")
        .startEvent()
        .subProcess("per-item", sub -> sub
            .zeebeInputExpression("null", "result")
            .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("items").zeebeInputElement("item")
                .zeebeOutputCollection("results").zeebeOutputElementExpression("result"))
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType("mi-sub-work"))
            .endEvent())
        .endEvent()
        .done());
    worker("mi-sub-work", (client, job) -> client.newCompleteCommand(job)
        .variables(Map.of("result", "done-" + job.getVariablesAsMap().get("item"))).send().join());
    Map<String, Object> result = runToEnd("mi-sub", Map.of("items", List.of("x", "y")));
    assertThat(result).containsEntry("results", List.of("done-x", "done-y")).doesNotContainKey("result");
  }
}
