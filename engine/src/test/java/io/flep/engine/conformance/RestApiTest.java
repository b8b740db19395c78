package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The REST v2 monitoring subset, queried with the Camunda Java client's own search API, exactly
 * as a monitoring client would query a Camunda 8.8 cluster.
 */
class RestApiTest extends ConformanceTest {

  @Test
  void searchesGetsStatisticsAndFlowsDescribeWhatHappened() {
    deploy(Bpmn.createExecutableProcess("monitored")
        .startEvent("start")
        .serviceTask("work", t -> t.zeebeJobType("rest-work"))
        .serviceTask("fragile", t -> t.zeebeJobType("rest-fragile").zeebeJobRetries("1"))
        .endEvent("end")
        .done());
    completing("rest-work");
    java.util.concurrent.atomic.AtomicBoolean repaired = new java.util.concurrent.atomic.AtomicBoolean();
    worker("rest-fragile", (client, job) -> {
      if (repaired.get()) {
        client.newCompleteCommand(job).send().join();
      } else {
        client.newFailCommand(job).retries(0).errorMessage("sensor offline").send().join();
      }
    });
    long failing = start("monitored", Map.of("site", "plant-7"));
    awaitIncident(failing);
    long other = start("monitored", Map.of("site", "plant-8"));
    awaitIncident(other);

    SearchResponse<ProcessInstance> byVariable = client().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId("monitored").variables(Map.of("site", "plant-7")))
        .send().join();
    assertThat(byVariable.items()).singleElement().satisfies(p -> {
      assertThat(p.getProcessInstanceKey()).isEqualTo(failing);
      assertThat(p.getState()).isEqualTo(ProcessInstanceState.ACTIVE);
      assertThat(p.getHasIncident()).isTrue();
      assertThat(p.getProcessDefinitionVersion()).isEqualTo(1);
      assertThat(p.getStartDate()).isNotNull();
    });
    SearchResponse<ProcessInstance> paged = client().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId("monitored"))
        .sort(s -> s.processInstanceKey().desc())
        .page(p -> p.limit(1))
        .send().join();
    assertThat(paged.page().totalItems()).isEqualTo(2);
    assertThat(paged.items()).extracting(ProcessInstance::getProcessInstanceKey).containsExactly(other);
    SearchResponse<ProcessInstance> next = client().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId("monitored"))
        .sort(s -> s.processInstanceKey().desc())
        .page(p -> p.limit(1).after(paged.page().endCursor()))
        .send().join();
    assertThat(next.items()).extracting(ProcessInstance::getProcessInstanceKey).containsExactly(failing);

    assertThat(client().newProcessInstanceGetRequest(failing).send().join().getProcessDefinitionId())
        .isEqualTo("monitored");

    SearchResponse<ElementInstance> elements = client().newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(failing))
        .sort(s -> s.startDate().asc())
        .send().join();
    assertThat(elements.items()).extracting(ElementInstance::getElementId, ElementInstance::getState)
        .contains(
            org.assertj.core.groups.Tuple.tuple("start", ElementInstanceState.COMPLETED),
            org.assertj.core.groups.Tuple.tuple("work", ElementInstanceState.COMPLETED),
            org.assertj.core.groups.Tuple.tuple("fragile", ElementInstanceState.ACTIVE));
    assertThat(elements.items()).filteredOn(e -> e.getElementId().equals("work"))
        .singleElement().extracting(ElementInstance::getType).isEqualTo(ElementInstanceType.SERVICE_TASK);

    SearchResponse<Incident> incidents = client().newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(failing).state(IncidentState.ACTIVE))
        .send().join();
    Incident incident = incidents.singleItem();
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.JOB_NO_RETRIES);
    assertThat(incident.getErrorMessage()).isEqualTo("sensor offline");
    assertThat(incident.getElementId()).isEqualTo("fragile");
    assertThat(incident.getJobKey()).isPositive();

    List<ProcessElementStatistics> statistics =
        client().newProcessInstanceElementStatisticsRequest(failing).send().join();
    assertThat(statistics).filteredOn(s -> s.getElementId().equals("fragile")).singleElement()
        .satisfies(s -> {
          assertThat(s.getActive()).isEqualTo(1);
          assertThat(s.getIncidents()).isEqualTo(1);
        });
    assertThat(statistics).filteredOn(s -> s.getElementId().equals("work")).singleElement()
        .extracting(ProcessElementStatistics::getCompleted).isEqualTo(1L);

    assertThat(client().newProcessInstanceSequenceFlowsRequest(failing).send().join()).hasSize(2);
    String xml = client().newProcessDefinitionGetXmlRequest(
        client().newProcessInstanceGetRequest(failing).send().join().getProcessDefinitionKey()).send().join();
    assertThat(xml).contains("rest-fragile");

    // fix it over REST: retries through PATCH /v2/jobs/{key}, then resolve through POST .../resolution
    client().newUpdateJobCommand(incident.getJobKey()).updateRetries(1).send().join();
    repaired.set(true);
    client().newResolveIncidentCommand(incident.getIncidentKey()).useRest().send().join();
    awaitState(failing, "COMPLETED");
    assertThat(client().newIncidentSearchRequest().filter(f -> f.processInstanceKey(failing)).send().join()
        .singleItem().getState()).isEqualTo(IncidentState.RESOLVED);
    assertThat(client().newTopologyRequest().useRest().send().join().getBrokers()).hasSize(1);
  }

  @Test
  void anUnknownKeyIsNotFoundAndAnUnsupportedFilterIsABadRequest() throws Exception {
    assertThatThrownBy(() -> client().newProcessInstanceGetRequest(4242L).send().join())
        .hasMessageContaining("404");
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(harness.engine().restAddress() + "/v2/process-instances/search"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"filter\":{\"colour\":\"blue\"}}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(response.body()).contains("'colour' is not supported");
  }
}
