package io.flep.workers.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.response.ActivatedJob;
import io.flep.plugin.api.param.BooleanParameter;
import io.flep.plugin.api.param.DecimalParameter;
import io.flep.plugin.api.param.IntegerParameter;
import io.flep.plugin.api.param.InvalidPluginOptionException;
import io.flep.plugin.api.param.Parameter;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;
import io.flep.plugin.api.param.TextParameter;
import io.flep.workers.failure.BadInputException;
import io.flep.workers.failure.PolicyRefusedException;
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

  private static final TextParameter DENOISER = Parameter.text("denoiser").defaultValue("wiener").description("d");
  private static final DecimalParameter ALPHA = Parameter.decimal("alpha").range(0, 0.9).description("a");
  private static final DecimalParameter SIGMA = Parameter.decimal("sigma").description("s");
  private static final BooleanParameter NOISE = Parameter.bool("noise").defaultValue(false).description("n");
  private static final IntegerParameter THRESHOLD = Parameter.integer("threshold").range(0, 16).description("t");
  private static final ParameterSet CIPHER = ParameterSet.of(DENOISER, ALPHA, SIGMA, NOISE);

  @Test
  void pluginOptionsAreThePolicysTypedAndAHeaderMayOnlyRepeatThem() {
    Map<String, Object> vars = new HashMap<>();
    // a variable never sets an option: only the signed run policy (passed in)
    vars.put("dataCipherOptions", Map.of("denoiser", "bm3d", "alpha", 0.8));
    JobVariables agreeing = job(Map.of("dataCipher.denoiser", "dncnn", "heScheme.threshold", "2"), vars);

    ParameterValues cipher = agreeing.pluginOptions("dataCipher", "flep-3layer", CIPHER,
        Map.of("denoiser", "dncnn", "sigma", "20", "noise", "true"));
    assertThat(cipher.get(DENOISER)).isEqualTo("dncnn");
    assertThat(cipher.get(SIGMA)).isEqualTo(20.0);
    assertThat(cipher.get(NOISE)).isTrue();
    assertThat(agreeing.pluginOptions("heScheme", "paillier", ParameterSet.of(THRESHOLD), Map.of("threshold", "2"))
        .get(THRESHOLD)).isEqualTo(2);

    JobVariables contradicting = job(Map.of("dataCipher.alpha", "0.3"), vars);
    assertThatThrownBy(() -> contradicting.pluginOptions("dataCipher", "flep-3layer", CIPHER, Map.of()))
        .isInstanceOf(PolicyRefusedException.class)
        .hasMessageContaining("task header dataCipher.alpha=0.3").hasMessageContaining("does not set");
    assertThatThrownBy(() -> contradicting.pluginOptions("dataCipher", "flep-3layer", CIPHER, Map.of("alpha", "0.1")))
        .isInstanceOf(PolicyRefusedException.class).hasMessageContaining("sets to 0.1");
  }

  @Test
  void thePluginIsThePolicysChoiceNeverAHeaderOrAVariable() {
    JobVariables v = job(Map.of(), new HashMap<>(Map.of("dataCipher", "flep-3layer")));
    assertThat(v.pluginChoice("dataCipher", "flep-3layer-hardened", "x")).isEqualTo("flep-3layer-hardened");
    assertThat(v.pluginChoice("dataCipher", null, "aes-gcm")).isEqualTo("aes-gcm");

    JobVariables header = job(Map.of("dataCipher", "aes-gcm"), new HashMap<>());
    assertThat(header.pluginChoice("dataCipher", "aes-gcm", "x")).as("a header repeating the policy").isEqualTo("aes-gcm");
    assertThatThrownBy(() -> header.pluginChoice("dataCipher", "flep-3layer", "aes-gcm"))
        .isInstanceOf(PolicyRefusedException.class).hasMessageContaining("names aes-gcm")
        .hasMessageContaining("chose flep-3layer");
  }

  @Test
  void anUnknownOrBadOptionNamesThePluginTheClosestNameAndWhereItCameFrom() {
    JobVariables noHeaders = job(Map.of(), new HashMap<>());

    assertThatThrownBy(() -> noHeaders.pluginOptions("heScheme", "paillier", ParameterSet.of(THRESHOLD),
        Map.of("treshold", "2")))
        .isInstanceOf(InvalidPluginOptionException.class)
        .hasMessage("unknown option 'treshold' for paillier; did you mean 'threshold'? (from the run policy's"
            + " heSchemeOptions)");
    assertThatThrownBy(() -> noHeaders.pluginOptions("dataCipher", "flep-3layer", CIPHER, Map.of("alpha", "2")))
        .isInstanceOf(InvalidPluginOptionException.class)
        .hasMessageStartingWith("option 'alpha' of flep-3layer must be")
        .hasMessageEndingWith("got '2' (from the run policy's dataCipherOptions)");
  }

  @Test
  void referencesOfCancelledMultiInstanceElementsAreSkippedAndNumbersAreChecked() {
    Map<String, Object> ref = Map.of("address", "ab".repeat(32), "runId", "6f1c0b1e-0000-4000-8000-000000000001",
        "kind", "partial-decryption", "producer", "auditor");
    List<Object> collected = new java.util.ArrayList<>();
    collected.add(ref);
    collected.add(null);
    Map<String, Object> vars = new HashMap<>();
    vars.put("partialDecryptionRefs", collected);
    vars.put("dpNoiseMultiplier", 1.5);
    vars.put("dpClipNorm", "big");
    JobVariables v = job(Map.of(), vars);

    assertThat(v.exchangeRefs("partialDecryptionRefs")).singleElement()
        .satisfies(r -> assertThat(r.producer()).isEqualTo("auditor"));
    assertThat(v.doubleOr("dpNoiseMultiplier", 0)).isEqualTo(1.5);
    assertThat(v.doubleOr("dpDelta", 1e-5)).isEqualTo(1e-5);
    assertThatThrownBy(() -> v.doubleOr("dpClipNorm", 1))
        .isInstanceOf(BadInputException.class).hasMessage("process variable 'dpClipNorm' must be a number: big");
  }
}
