package io.flep.workers.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Incident;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flep.workers.task.JobTypes;
import io.flep.workers.testing.EmbeddedFlepTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An analyst's worker takes only its own jobs, and refuses one of its own type whose variables name another. */
class AnalystJobRefusalTest extends EmbeddedFlepTest {
  @Autowired AnalystJobWorkers analysts;
  @Autowired CamundaClient client;

  @Test
  void analystAsWorkerRefusesAJobThatNamesAnalystB() {
    analysts.actFor("analyst-a");
    String type = JobTypes.forAnalyst("analyst-a", JobTypes.TRAIN);
    BpmnModelInstance model = Bpmn.createExecutableProcess("refusal-test").startEvent()
        .serviceTask("Task_Train", t -> t.zeebeJobType(type).zeebeJobRetries("1")).endEvent().done();
    client.newDeployResourceCommand().addProcessModel(model, "refusal-test.bpmn").send().join();

    long key = client.newCreateInstanceCommand().bpmnProcessId("refusal-test").latestVersion()
        .variables(Map.of("runId", UUID.randomUUID().toString(), "analystId", "analyst-b", "round", 1))
        .send().join().getProcessInstanceKey();

    List<Incident> incidents = await().atMost(Duration.ofSeconds(30)).until(
        () -> client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(key)).send().join().items(),
        list -> !list.isEmpty());
    assertThat(incidents).singleElement().satisfies(i -> assertThat(i.getErrorMessage())
        .contains("names analyst 'analyst-b'").contains("acts only for 'analyst-a' and refuses it"));
  }
}
