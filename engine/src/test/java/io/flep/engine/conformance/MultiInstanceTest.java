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

  /**
   * A deadline per instance (Zeebe: a boundary event on an activity inside a multi-instance subprocess belongs to
   * that instance): an interrupting timer on each instance's inner subprocess ends only the instances that are still
   * working, each on its own path; their output element is what their scope holds then (here still null), the
   * others' outputs are kept, and the multi-instance completes once every instance has ended either way.
   */
  @Test
  void aTimerInsideEachInstanceEndsOnlyTheLateOnesAndKeepsTheOthersOutputs() {
    deploy(Bpmn.createExecutableProcess("mi-deadline")
        .startEvent()
        .subProcess("per-party", sub -> sub
            .zeebeInputExpression("null", "answer")
            .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("parties").zeebeInputElement("party")
                .zeebeOutputCollection("answers").zeebeOutputElementExpression("answer"))
            .embeddedSubProcess()
            .startEvent()
            .subProcess("contribute", inner -> inner.embeddedSubProcess()
                .startEvent()
                .serviceTask("answer", t -> t.zeebeJobType("mi-deadline-answer"))
                .endEvent("answered"))
            .boundaryEvent("deadline", b -> b.cancelActivity(true).timerWithDurationExpression("deadline"))
            .endEvent("missed")
            .moveToActivity("contribute")
            .endEvent("contributed"))
        .endEvent("closed")
        .done());
    // "late" never answers; the others answer at once
    worker("mi-deadline-answer", (client, job) -> {
      Object party = job.getVariablesAsMap().get("party");
      if (!"late".equals(party)) {
        client.newCompleteCommand(job).variables(Map.of("answer", "from-" + party)).send().join();
      }
    });
    long started = System.currentTimeMillis();
    Map<String, Object> result = runToEnd("mi-deadline",
        Map.of("parties", List.of("a", "late", "b"), "deadline", "PT0.5S"));
    assertThat(System.currentTimeMillis() - started).as("the late instance is waited for until its deadline")
        .isGreaterThanOrEqualTo(500);
    assertThat(result.get("answers")).isEqualTo(java.util.Arrays.asList("from-a", null, "from-b"));
    assertThat(result).doesNotContainKey("answer");
    long key = queries().processInstancesOf("mi-deadline").get(0);
    assertThat(completed(key)).containsEntry("contributed", 2).containsEntry("deadline", 1)
        .containsEntry("missed", 1).containsEntry("per-party#body", 1).containsEntry("closed", 1);
    assertThat(queries().elementInstances(key).stream().filter(e -> e.elementId().equals("contribute")))
        .extracting(e -> e.state()).containsExactlyInAnyOrder("COMPLETED", "COMPLETED", "TERMINATED");
    assertThat(queries().jobs(key)).extracting(j -> j.state())
        .containsExactlyInAnyOrder("COMPLETED", "COMPLETED", "CANCELED");
  }

  /** All instances done before the deadline: the multi-instance completes at once and no timer fires. */
  @Test
  void aTimerInsideEachInstanceNeverFiresWhenEveryInstanceIsOnTime() {
    deploy(Bpmn.createExecutableProcess("mi-deadline-met")
        .startEvent()
        .subProcess("per-party", sub -> sub
            .zeebeInputExpression("null", "answer")
            .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("parties").zeebeInputElement("party")
                .zeebeOutputCollection("answers").zeebeOutputElementExpression("answer"))
            .embeddedSubProcess()
            .startEvent()
            .subProcess("contribute", inner -> inner.embeddedSubProcess()
                .startEvent()
                .serviceTask("answer", t -> t.zeebeJobType("mi-deadline-met-answer"))
                .endEvent())
            .boundaryEvent("deadline", b -> b.cancelActivity(true).timerWithDurationExpression("deadline"))
            .endEvent("missed")
            .moveToActivity("contribute")
            .endEvent("contributed"))
        .endEvent()
        .done());
    worker("mi-deadline-met-answer", (client, job) -> client.newCompleteCommand(job)
        .variables(Map.of("answer", job.getVariablesAsMap().get("party"))).send().join());
    long started = System.currentTimeMillis();
    Map<String, Object> result = runToEnd("mi-deadline-met",
        Map.of("parties", List.of("a", "b"), "deadline", "PT30S"));
    assertThat(System.currentTimeMillis() - started).isLessThan(15_000);
    assertThat(result).containsEntry("answers", List.of("a", "b"));
    long key = queries().processInstancesOf("mi-deadline-met").get(0);
    assertThat(completed(key)).containsEntry("contributed", 2).doesNotContainKeys("deadline", "missed");
    assertThat(queries().elementInstances(key).stream().filter(e -> e.elementId().equals("contribute")))
        .extracting(e -> e.state()).containsOnly("COMPLETED");
  }
}
