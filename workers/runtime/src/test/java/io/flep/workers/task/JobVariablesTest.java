package io.flep.workers.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.store.BadInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Variable and header access; the job is the engine's (an external boundary), stubbed. */
class JobVariablesTest {

  private static JobVariables job(Map<String, String> headers, Map<String, Object> variables) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getCustomHeaders()).thenReturn(headers);
    when(job.getVariablesAsMap()).thenReturn(variables);
    return new JobVariables(job);
  }

  @Test
  void pluginOptionsAreHeadersOverriddenByTheOptionsVariable() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("dataCipherOptions", Map.of("denoiser", "dncnn", "sigma", 20, "noise", true));
    JobVariables v = job(Map.of("dataCipher", "flep-3layer", "dataCipher.denoiser", "wiener",
        "dataCipher.alpha", "0.3", "heScheme.keyBits", "2048"), vars);

    assertThat(v.pluginOptions("dataCipher")).containsExactlyInAnyOrderEntriesOf(
        Map.of("denoiser", "dncnn", "alpha", "0.3", "sigma", "20", "noise", "true"));
    assertThat(v.pluginOptions("heScheme")).containsExactlyEntriesOf(Map.of("keyBits", "2048"));
  }

  @Test
  void aMalformedOptionsVariableIsBadInputNamingIt() {
    Map<String, Object> notAMap = new HashMap<>(Map.of("dataCipherOptions", "denoiser=dncnn"));
    Map<String, Object> nested = new HashMap<>(Map.of("dataCipherOptions", Map.of("denoiser", List.of("a"))));

    assertThatThrownBy(() -> job(Map.of(), notAMap).pluginOptions("dataCipher"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("process variable 'dataCipherOptions' must be an object of option values: denoiser=dncnn");
    assertThatThrownBy(() -> job(Map.of(), nested).pluginOptions("dataCipher"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("process variable 'dataCipherOptions': option 'denoiser' must be a string, number or boolean,"
            + " got [a]");
  }

  @Test
  void referencesOfCancelledMultiInstanceElementsAreSkippedAndNumbersAreChecked() {
    Map<String, Object> ref = Map.of("id", "6f1c0b1e-0000-4000-8000-000000000001", "sha256", "ab", "size", 3);
    List<Object> collected = new java.util.ArrayList<>();
    collected.add(ref);
    collected.add(null);
    Map<String, Object> vars = new HashMap<>();
    vars.put("partialDecryptionRefs", collected);
    vars.put("dpNoiseMultiplier", 1.5);
    vars.put("dpClipNorm", "big");
    JobVariables v = job(Map.of(), vars);

    assertThat(v.refsSkippingNulls("partialDecryptionRefs")).singleElement()
        .satisfies(r -> assertThat(r.size()).isEqualTo(3));
    assertThat(v.doubleOr("dpNoiseMultiplier", 0)).isEqualTo(1.5);
    assertThat(v.doubleOr("dpDelta", 1e-5)).isEqualTo(1e-5);
    assertThatThrownBy(() -> v.doubleOr("dpClipNorm", 1))
        .isInstanceOf(BadInputException.class).hasMessage("process variable 'dpClipNorm' must be a number: big");
  }
}
