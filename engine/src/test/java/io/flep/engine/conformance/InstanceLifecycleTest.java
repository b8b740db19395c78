package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deployment versioning and validation, cancelling, call activities. */
class InstanceLifecycleTest extends ConformanceTest {

  @Test
  void redeployingAChangedModelCreatesANewVersionAndAnUnchangedOneDoesNot() {
    var v1 = Bpmn.createExecutableProcess("versioned").startEvent().endEvent("a").done();
    var v2 = Bpmn.createExecutableProcess("versioned").startEvent().endEvent("b").done();
    deploy(v1);
    DeploymentEvent again =
        client().newDeployResourceCommand().addProcessModel(v1, "versioned.bpmn").send().join();
    assertThat(again.getProcesses()).singleElement().extracting(p -> p.getVersion()).isEqualTo(1);
    DeploymentEvent changed =
        client().newDeployResourceCommand().addProcessModel(v2, "versioned.bpmn").send().join();
    assertThat(changed.getProcesses()).singleElement().extracting(p -> p.getVersion()).isEqualTo(2);

    long latest = start("versioned", Map.of());
    awaitState(latest, "COMPLETED");
    assertThat(completed(latest)).containsKey("b");
    long pinned =
        client().newCreateInstanceCommand().bpmnProcessId("versioned").version(1).send().join()
            .getProcessInstanceKey();
    awaitState(pinned, "COMPLETED");
    assertThat(completed(pinned)).containsKey("a");
  }

  @Test
  void anUnsupportedElementIsRejectedAtDeployNamingIt() {
    String xml = Bpmn.convertToString(Bpmn.createExecutableProcess("signals")
        .startEvent()
        .intermediateThrowEvent("shout", e -> e.signal("hello"))
        .endEvent()
        .done());
    assertThatThrownBy(() -> harness.deploy("signals.bpmn", xml))
        .isInstanceOf(ClientStatusException.class)
        .hasMessageContaining("shout")
        .hasMessageContaining("intermediateThrowEvent")
        .hasMessageContaining("not supported");
  }

  @Test
  void cancellingTerminatesTheInstanceAndItsJobs() {
    deploy(Bpmn.createExecutableProcess("cancel")
        .startEvent().serviceTask("wait", t -> t.zeebeJobType("cancel-wait")).endEvent().done());
    long key = start("cancel", Map.of());
    client().newCancelInstanceCommand(key).send().join();
    awaitState(key, "TERMINATED");
    assertThat(queries().jobs(key)).singleElement().extracting(j -> j.state()).isEqualTo("CANCELED");
    assertThatThrownBy(() -> client().newCancelInstanceCommand(key).send().join())
        .isInstanceOf(ClientStatusException.class).hasMessageContaining("no such process");
  }

  @Test
  void aCallActivityRunsTheCalledProcessAndGetsItsVariablesBack() {
    deploy(Bpmn.createExecutableProcess("child")
        .startEvent().scriptTask("calc", s -> s.zeebeExpression("input * 10").zeebeResultVariable("output"))
        .endEvent().done());
    deploy(Bpmn.createExecutableProcess("parent")
        .startEvent().callActivity("call", c -> c.zeebeProcessId("child")).endEvent().done());
    assertThat(runToEnd("parent", Map.of("input", 4))).containsEntry("output", 40);
  }
}
