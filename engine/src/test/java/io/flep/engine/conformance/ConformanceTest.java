package io.flep.engine.conformance;

import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.flep.engine.EngineHarness;
import io.flep.engine.query.EngineQueries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the conformance suite: each test deploys a small model through the real Camunda client
 * and checks Zeebe 8.8's documented behaviour on what the engine recorded.
 */
abstract class ConformanceTest {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  static EngineHarness harness;
  private final List<JobWorker> workers = new ArrayList<>();

  @BeforeAll
  static void startEngine() {
    harness = new EngineHarness();
  }

  @AfterAll
  static void stopEngine() throws Exception {
    harness.close();
  }

  @AfterEach
  void closeWorkers() {
    workers.forEach(JobWorker::close);
    workers.clear();
  }

  CamundaClient client() {
    return harness.client();
  }

  EngineQueries queries() {
    return harness.engine().queries();
  }

  void deploy(BpmnModelInstance model) {
    String processId =
        model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class)
            .iterator().next().getId();
    harness.deploy(processId + ".bpmn", Bpmn.convertToString(model));
  }

  JobWorker worker(String type, JobHandler handler) {
    JobWorker worker =
        client().newWorker().jobType(type).handler(handler).pollInterval(Duration.ofMillis(20))
            .timeout(Duration.ofSeconds(30)).open();
    workers.add(worker);
    return worker;
  }

  JobWorker register(JobWorker worker) {
    workers.add(worker);
    return worker;
  }

  /** A worker that completes every job of {@code type} with no variables. */
  JobWorker completing(String type) {
    return worker(type, (c, job) -> c.newCompleteCommand(job).send().join());
  }

  long start(String processId, Map<String, Object> variables) {
    ProcessInstanceEvent event =
        client().newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
            .variables(variables).send().join();
    return event.getProcessInstanceKey();
  }

  Map<String, Object> runToEnd(String processId, Map<String, Object> variables) {
    return client().newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .variables(variables).withResult().requestTimeout(TIMEOUT).send().join().getVariablesAsMap();
  }

  String awaitState(long processInstanceKey, String state) {
    await().atMost(TIMEOUT).until(
        () -> queries().processInstance(processInstanceKey).map(p -> p.state().equals(state)).orElse(false));
    return state;
  }

  EngineQueries.IncidentView awaitIncident(long processInstanceKey) {
    await().atMost(TIMEOUT).until(
        () -> queries().incidents(processInstanceKey).stream().anyMatch(i -> i.state().equals("ACTIVE")));
    return queries().incidents(processInstanceKey).stream().filter(i -> i.state().equals("ACTIVE")).findFirst().orElseThrow();
  }

  /** Completed element ids of the instance with how often each completed. */
  Map<String, Integer> completed(long processInstanceKey) {
    Map<String, Integer> counts = new HashMap<>();
    queries().elementInstances(processInstanceKey).stream()
        .filter(e -> e.state().equals("COMPLETED"))
        .forEach(e -> counts.merge(e.elementId() + (e.type().equals("MULTI_INSTANCE_BODY") ? "#body" : ""), 1, Integer::sum));
    return counts;
  }
}
