package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flep.engine.query.EngineQueries;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BPMN errors: thrown by a job or an error end event, caught by code or catch-all boundary events. */
class ErrorEventTest extends ConformanceTest {

  @Test
  void aJobErrorIsCaughtByTheBoundaryWithItsCodeAndCarriesItsVariables() {
    deploy(Bpmn.createExecutableProcess("error-by-code")
        .startEvent()
        .serviceTask("risky", t -> t.zeebeJobType("err-risky"))
        .boundaryEvent("other", b -> b.error("OTHER")).endEvent("otherEnd")
        .moveToActivity("risky")
        .boundaryEvent("caught", b -> b.error("BAD")).endEvent("caughtEnd")
        .moveToActivity("risky")
        .endEvent("normalEnd")
        .done());
    worker("err-risky", (client, job) ->
        client.newThrowErrorCommand(job).errorCode("BAD").errorMessage("it broke")
            .variables(Map.of("reason", "integrity")).send().join());
    long key = start("error-by-code", Map.of());
    awaitState(key, "COMPLETED");
    assertThat(completed(key)).containsKeys("caught", "caughtEnd").doesNotContainKeys("risky", "otherEnd", "normalEnd");
    assertThat(queries().elementInstances(key)).filteredOn(e -> e.elementId().equals("risky"))
        .singleElement().extracting(EngineQueries.ElementInstanceView::state).isEqualTo("TERMINATED");
    assertThat(queries().variables(key)).anySatisfy(v -> {
      assertThat(v.name()).isEqualTo("reason");
      assertThat(v.value()).isEqualTo("\"integrity\"");
    });
  }

  @Test
  void anErrorThrownDeepInsideIsCaughtOnTheEnclosingSubprocessByACatchAll() {
    deploy(Bpmn.createExecutableProcess("error-catch-all")
        .startEvent()
        .subProcess("outer", sub -> sub.embeddedSubProcess()
            .startEvent()
            .subProcess("inner", in -> in.embeddedSubProcess()
                .startEvent()
                .serviceTask("deep", t -> t.zeebeJobType("err-deep"))
                .endEvent())
            .endEvent())
        .boundaryEvent("any").error().endEvent("recovered")
        .moveToActivity("outer")
        .endEvent("normal")
        .done());
    worker("err-deep", (client, job) -> client.newThrowErrorCommand(job).errorCode("WHATEVER").send().join());
    long key = start("error-catch-all", Map.of());
    awaitState(key, "COMPLETED");
    assertThat(completed(key)).containsKeys("any", "recovered").doesNotContainKey("normal");
  }

  @Test
  void anErrorEndEventInASubprocessIsCaughtOnIt() {
    deploy(Bpmn.createExecutableProcess("error-end")
        .startEvent()
        .subProcess("sub", s -> s.embeddedSubProcess().startEvent().endEvent("fail", e -> e.error("E1")))
        .boundaryEvent("onE1", b -> b.error("E1")).endEvent("handled")
        .moveToActivity("sub")
        .endEvent("normal")
        .done());
    long key = start("error-end", Map.of());
    awaitState(key, "COMPLETED");
    assertThat(completed(key)).containsKeys("onE1", "handled").doesNotContainKey("normal");
  }

  @Test
  void anUncaughtErrorBecomesAnIncidentOnTheTask() {
    deploy(Bpmn.createExecutableProcess("error-uncaught")
        .startEvent()
        .serviceTask("lonely", t -> t.zeebeJobType("err-lonely"))
        .endEvent()
        .done());
    worker("err-lonely", (client, job) ->
        client.newThrowErrorCommand(job).errorCode("NOBODY").errorMessage("listens").send().join());
    long key = start("error-uncaught", Map.of());
    EngineQueries.IncidentView incident = awaitIncident(key);
    assertThat(incident.errorType()).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.elementId()).isEqualTo("lonely");
    assertThat(incident.errorMessage()).contains("'NOBODY'").contains("listens");
  }
}
