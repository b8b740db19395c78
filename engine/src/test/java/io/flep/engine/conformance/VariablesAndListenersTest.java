package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Input/output mappings, variable propagation, script tasks and execution listeners. */
class VariablesAndListenersTest extends ConformanceTest {

  @Test
  void inputMappingsAreLocalAndOutputMappingsAloneLeaveTheTask() {
    deploy(Bpmn.createExecutableProcess("io")
        .startEvent()
        .serviceTask("task", t -> t.zeebeJobType("io-task")
            .zeebeInputExpression("order.amount * 2", "twice")
            .zeebeOutputExpression("result + 1", "final"))
        .endEvent()
        .done());
    List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
    worker("io-task", (client, job) -> {
      seen.add(job.getVariablesAsMap());
      client.newCompleteCommand(job).variables(Map.of("result", 10, "noise", true)).send().join();
    });
    Map<String, Object> result = runToEnd("io", Map.of("order", Map.of("amount", 21)));
    assertThat(seen).singleElement().satisfies(v -> assertThat(v).containsEntry("twice", 42));
    assertThat(result).containsEntry("final", 11).doesNotContainKeys("twice", "result", "noise");
  }

  @Test
  void jobVariablesUpdateTheNearestScopeThatHasThem() {
    deploy(Bpmn.createExecutableProcess("propagation")
        .startEvent()
        .subProcess("sub", s -> s.zeebeInputExpression("\"initial\"", "local")
            .embeddedSubProcess().startEvent()
            .serviceTask("t", t -> t.zeebeJobType("prop-task"))
            .endEvent())
        .endEvent()
        .done());
    worker("prop-task", (client, job) ->
        client.newCompleteCommand(job).variables(Map.of("local", "changed", "global", "new")).send().join());
    Map<String, Object> result = runToEnd("propagation", Map.of());
    assertThat(result).containsEntry("global", "new").doesNotContainKey("local");
  }

  @Test
  void scriptTaskStoresItsResult() {
    deploy(Bpmn.createExecutableProcess("script")
        .startEvent()
        .scriptTask("sum", s -> s.zeebeExpression("sum(numbers)").zeebeResultVariable("total"))
        .endEvent()
        .done());
    assertThat(runToEnd("script", Map.of("numbers", List.of(1, 2, 3)))).containsEntry("total", 6);
  }

  @Test
  void executionListenersRunAsJobsBeforeAndAfterTheElement() {
    deploy(Bpmn.createExecutableProcess("listeners")
        .startEvent()
        .serviceTask("task", t -> t.zeebeJobType("lst-task")
            .zeebeStartExecutionListener("lst-start")
            .zeebeEndExecutionListener("lst-end"))
        .endEvent("end", e -> e.zeebeEndExecutionListener("lst-end").zeebeOutputExpression("\"done\"", "outcome"))
        .done());
    List<String> order = new CopyOnWriteArrayList<>();
    List<ActivatedJob> listenerJobs = new CopyOnWriteArrayList<>();
    for (String type : List.of("lst-start", "lst-task", "lst-end")) {
      worker(type, (client, job) -> {
        order.add(job.getType() + "@" + job.getElementId());
        if (!type.equals("lst-task")) {
          listenerJobs.add(job);
        }
        client.newCompleteCommand(job).send().join();
      });
    }
    Map<String, Object> result = runToEnd("listeners", Map.of());
    assertThat(order).containsExactly("lst-start@task", "lst-task@task", "lst-end@task", "lst-end@end");
    assertThat(result).containsEntry("outcome", "done");
    assertThat(listenerJobs).extracting(j -> j.getKind().name() + ":" + j.getListenerEventType().name())
        .containsExactly("EXECUTION_LISTENER:START", "EXECUTION_LISTENER:END", "EXECUTION_LISTENER:END");
  }
}
