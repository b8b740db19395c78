package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flep.engine.query.EngineQueries;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Business rule tasks calling deployed DMN decisions (binding latest), and EvaluateDecision. */
class BusinessRuleTaskTest extends ConformanceTest {

  static String decision(String output) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="risk-drg" name="Risk"
                     namespace="http://flep.io/test">
          <decision id="risk" name="Risk">
            <decisionTable id="table" hitPolicy="FIRST">
              <input id="in"><inputExpression id="ie" typeRef="number"><text>amount</text></inputExpression></input>
              <output id="out" name="level" typeRef="string"/>
              <rule id="r1"><inputEntry id="e1"><text>&gt; 100</text></inputEntry>
                <outputEntry id="o1"><text>"high"</text></outputEntry></rule>
              <rule id="r2"><inputEntry id="e2"><text>-</text></inputEntry>
                <outputEntry id="o2"><text>"%s"</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(output);
  }

  @Test
  void theTaskStoresTheLatestDecisionsResult() {
    client().newDeployResourceCommand()
        .addResourceBytes(decision("low").getBytes(StandardCharsets.UTF_8), "risk.dmn").send().join();
    deploy(Bpmn.createExecutableProcess("rules")
        .startEvent()
        .businessRuleTask("assess", b -> b.zeebeCalledDecisionId("risk").zeebeResultVariable("level"))
        .endEvent()
        .done());
    assertThat(runToEnd("rules", Map.of("amount", 500))).containsEntry("level", "high");
    assertThat(runToEnd("rules", Map.of("amount", 5))).containsEntry("level", "low");

    client().newDeployResourceCommand()
        .addResourceBytes(decision("medium").getBytes(StandardCharsets.UTF_8), "risk.dmn").send().join();
    assertThat(runToEnd("rules", Map.of("amount", 5))).containsEntry("level", "medium");
  }

  @Test
  void bindingTypeDeploymentKeepsTheDecisionDeployedWithTheProcess() {
    var process = Bpmn.createExecutableProcess("pinned-rules")
        .startEvent()
        .businessRuleTask("assess", b -> b.zeebeCalledDecisionId("risk").zeebeResultVariable("level")
            .zeebeBindingType(io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType.deployment))
        .endEvent()
        .done();
    client().newDeployResourceCommand()
        .addProcessModel(process, "pinned-rules.bpmn")
        .addResourceBytes(decision("pinned").getBytes(StandardCharsets.UTF_8), "risk-pinned.dmn")
        .send().join();
    client().newDeployResourceCommand()
        .addResourceBytes(decision("newer").getBytes(StandardCharsets.UTF_8), "risk-newer.dmn").send().join();
    assertThat(runToEnd("pinned-rules", Map.of("amount", 1))).containsEntry("level", "pinned");
  }

  @Test
  void aMissingDecisionIsAnIncident() {
    deploy(Bpmn.createExecutableProcess("no-rules")
        .startEvent()
        .businessRuleTask("assess", b -> b.zeebeCalledDecisionId("nowhere").zeebeResultVariable("x"))
        .endEvent()
        .done());
    long key = start("no-rules", Map.of());
    EngineQueries.IncidentView incident = awaitIncident(key);
    assertThat(incident.errorType()).isEqualTo("CALLED_DECISION_ERROR");
    assertThat(incident.errorMessage()).contains("nowhere");
  }

  @Test
  void evaluateDecisionAnswersThroughTheClient() {
    client().newDeployResourceCommand()
        .addResourceBytes(decision("low").getBytes(StandardCharsets.UTF_8), "risk-eval.dmn").send().join();
    EvaluateDecisionResponse response =
        client().newEvaluateDecisionCommand().decisionId("risk").variables(Map.of("amount", 101)).send().join();
    assertThat(response.getDecisionOutput()).isEqualTo("\"high\"");
    assertThat(response.getDecisionId()).isEqualTo("risk");
  }
}
