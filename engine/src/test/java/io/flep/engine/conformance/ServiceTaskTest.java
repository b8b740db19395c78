package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Service tasks: job type and retries (static or FEEL), headers, variables in and out. */
class ServiceTaskTest extends ConformanceTest {

  @Test
  void jobWorkerCompletesTheTaskAndTheResultCarriesItsVariables() {
    deploy(Bpmn.createExecutableProcess("one-task")
        .startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work").zeebeTaskHeader("colour", "blue"))
        .endEvent()
        .done());
    List<ActivatedJob> seen = new CopyOnWriteArrayList<>();
    worker("work", (client, job) -> {
      seen.add(job);
      client.newCompleteCommand(job)
          .variables(Map.of("doubled", 2 * (int) job.getVariablesAsMap().get("x"))).send().join();
    });
    ProcessInstanceResult result =
        client().newCreateInstanceCommand().bpmnProcessId("one-task").latestVersion()
            .variables(Map.of("x", 21)).withResult().send().join();

    assertThat(result.getVariablesAsMap()).containsEntry("x", 21).containsEntry("doubled", 42);
    assertThat(seen).singleElement().satisfies(job -> {
      assertThat(job.getElementId()).isEqualTo("work");
      assertThat(job.getCustomHeaders()).containsEntry("colour", "blue");
      assertThat(job.getProcessInstanceKey()).isEqualTo(result.getProcessInstanceKey());
      assertThat(job.getRetries()).isEqualTo(3);
      assertThat(job.getBpmnProcessId()).isEqualTo("one-task");
      assertThat(job.getDeadline()).isGreaterThan(System.currentTimeMillis());
    });
    assertThat(queries().processInstance(result.getProcessInstanceKey()))
        .get().extracting(p -> p.state()).isEqualTo("COMPLETED");
    assertThat(completed(result.getProcessInstanceKey())).containsEntry("work", 1);
  }

  @Test
  void jobTypeAndRetriesMayBeFeelExpressions() {
    deploy(Bpmn.createExecutableProcess("feel-type")
        .startEvent()
        .serviceTask("work", t -> t.zeebeJobTypeExpression("\"work-\" + region").zeebeJobRetriesExpression("tries + 1"))
        .endEvent()
        .done());
    List<ActivatedJob> seen = new CopyOnWriteArrayList<>();
    worker("work-eu", (client, job) -> {
      seen.add(job);
      client.newCompleteCommand(job).send().join();
    });
    runToEnd("feel-type", Map.of("region", "eu", "tries", 4));
    assertThat(seen).singleElement().extracting(ActivatedJob::getRetries).isEqualTo(5);
  }

  @Test
  void onlyTheFetchedVariablesAreHandedToTheWorker() {
    deploy(Bpmn.createExecutableProcess("fetch")
        .startEvent().serviceTask("work", t -> t.zeebeJobType("fetch-work")).endEvent().done());
    List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
    register(client().newWorker().jobType("fetch-work")
        .handler((client, job) -> {
          seen.add(job.getVariablesAsMap());
          client.newCompleteCommand(job).send().join();
        })
        .fetchVariables("a")
        .open());
    runToEnd("fetch", Map.of("a", 1, "b", 2));
    assertThat(seen).singleElement().isEqualTo(Map.of("a", 1));
  }

  @Test
  void completingAnUnknownJobIsNotFound() {
    assertThatThrownBy(() -> client().newCompleteCommand(123L).send().join())
        .isInstanceOf(ClientStatusException.class)
        .hasMessage("Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to complete job with key '123',"
            + " but no such job was found")
        .extracting(e -> ((ClientStatusException) e).getStatusCode())
        .isEqualTo(io.grpc.Status.Code.NOT_FOUND);
  }
}
