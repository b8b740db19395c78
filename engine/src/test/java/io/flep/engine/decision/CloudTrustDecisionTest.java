package io.flep.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FLEP's real {@code bpmn/cloud-trust.dmn}, rule by rule. */
class CloudTrustDecisionTest {

  private static final Path DMN = Path.of("..", "bpmn", "cloud-trust.dmn");
  private static final DecisionEngine ENGINE = new DecisionEngine();
  private static DecisionGraph graph;

  @BeforeAll
  static void parse() throws Exception {
    graph = ENGINE.parse("cloud-trust.dmn", Files.readAllBytes(DMN));
  }

  private static Object decide(String mode, Boolean attested, String jurisdiction)
      throws DecisionException {
    Map<String, Object> variables = new HashMap<>();
    if (mode != null) {
      variables.put("cloudMode", mode);
    }
    if (attested != null) {
      variables.put("cloudAttested", attested);
    }
    if (jurisdiction != null) {
      variables.put("cloudJurisdiction", jurisdiction);
    }
    return ENGINE.evaluate(graph, "cloud-trust", variables);
  }

  @Test
  void graph() {
    assertThat(graph.id()).isEqualTo("Definitions_CloudTrust");
    assertThat(graph.name()).isEqualTo("FLEP cloud trust");
    assertThat(graph.namespace()).isEqualTo("http://flep.io/dmn");
    assertThat(graph.decisions())
        .containsExactly(new DecisionGraph.Decision("cloud-trust", "Decide cloud trust"));
  }

  @Test
  void ruleModeTrustedIgnoresAttestationAndJurisdiction() throws DecisionException {
    assertThat(decide("trusted", null, null)).isEqualTo("trusted");
    assertThat(decide("trusted", false, "foreign")).isEqualTo("trusted");
  }

  @Test
  void ruleModeUntrusted() throws DecisionException {
    assertThat(decide("untrusted", true, "domestic")).isEqualTo("untrusted");
  }

  @Test
  void rulePolicyAttestedDomestic() throws DecisionException {
    assertThat(decide("policy", true, "domestic")).isEqualTo("trusted");
  }

  @Test
  void rulePolicyOther() throws DecisionException {
    assertThat(decide("policy", false, "domestic")).isEqualTo("untrusted");
    assertThat(decide("policy", true, "foreign")).isEqualTo("untrusted");
    assertThat(decide("policy", null, "domestic")).isEqualTo("untrusted");
    assertThat(decide("policy", true, null)).isEqualTo("untrusted");
  }

  @Test
  void ruleSafeDefault() throws DecisionException {
    assertThat(decide(null, true, "domestic")).isEqualTo("untrusted");
    assertThat(decide("TRUSTED", true, "domestic")).isEqualTo("untrusted");
    assertThat(decide("sometimes", null, null)).isEqualTo("untrusted");
  }
}
