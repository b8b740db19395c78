package io.flep.plugin.api.param;

import static io.flep.plugin.api.param.ParameterSetTest.KEY_BITS;
import static io.flep.plugin.api.param.ParameterSetTest.MODEL;
import static io.flep.plugin.api.param.ParameterSetTest.ORDER;
import static io.flep.plugin.api.param.ParameterSetTest.SET;
import static io.flep.plugin.api.param.ParameterSetTest.SHAREHOLDERS;
import static io.flep.plugin.api.param.ParameterSetTest.THRESHOLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.plugin.api.param.InvalidPluginOptionException.Reason;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ParameterValuesTest {

  @Test
  void optionalParametersWithoutDefaultHaveNoValue() {
    ParameterValues v = SET.defaults("paillier");

    assertThat(v.find(MODEL)).isEmpty();
    assertThatThrownBy(() -> v.get(MODEL))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("option 'model' of paillier is not set and has no default");
    assertThat(SET.validate("paillier", Map.of("model", "")).find(MODEL)).contains(List.of());
  }

  @Test
  void explicitValuesEqualToTheDefaultStillCountAsSet() {
    ParameterValues v = SET.validate("paillier", Map.of("keyBits", "2048"));

    assertThat(v.isSet(KEY_BITS)).isTrue();
    assertThat(v).isNotEqualTo(SET.defaults("paillier"));
  }

  @Test
  void parametersOfOtherSetsAreRejectedEvenWithTheSameName() {
    ParameterValues v = SET.defaults("paillier");
    IntegerParameter lookalike = Parameter.integer("keyBits").range(1024, 8192).description("modulus bits");

    assertThatThrownBy(() -> v.get(lookalike))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("paillier declares no parameter keyBits (integer, an integer in [1024, 8192]) (it declares"
            + " keyBits (integer, default 2048, an integer in [2048, 8192], affects security))");
    assertThatThrownBy(() -> v.isSet(Parameter.bool("other").description("x")))
        .hasMessage("paillier declares no parameter other (boolean, true or false)");
  }

  @Test
  void hostDefaultsApplyOnlyWhenTheOptionIsNotGiven() {
    ParameterValues none = SET.defaults("paillier");
    ParameterValues given = SET.validate("paillier", Map.of("shareholders", "5"));

    ParameterValues hosted = none.withDefault(SHAREHOLDERS, 4, "the lifecycle's share holders");
    assertThat(hosted.get(SHAREHOLDERS)).isEqualTo(4);
    assertThat(hosted.isSet(SHAREHOLDERS)).isFalse();
    assertThat(none.get(SHAREHOLDERS)).isEqualTo(3);
    assertThat(given.withDefault(SHAREHOLDERS, 4, "host")).isSameAs(given);
    assertThat(given.withDefault(SHAREHOLDERS, 4, "host").get(SHAREHOLDERS)).isEqualTo(5);
  }

  @Test
  void hostDefaultsAreValidatedLikeGivenValues() {
    ParameterValues none = SET.defaults("paillier");

    assertThatThrownBy(() -> none.withDefault(SHAREHOLDERS, 17, "the run"))
        .isInstanceOf(InvalidPluginOptionException.class)
        .hasMessage("option 'shareholders' of paillier must be an integer in [2, 16], got '17' (from the run)");
    ParameterValues t4 = SET.validate("paillier", Map.of("threshold", "4", "shareholders", "4"), "--he-option");
    // a valid host default for a given option is ignored, even where it would break a constraint
    assertThat(t4.withDefault(SHAREHOLDERS, 2, "host").get(SHAREHOLDERS)).isEqualTo(4);
    // ... but an invalid one is refused even then: the host's own input is wrong
    assertThatThrownBy(() -> t4.withDefault(SHAREHOLDERS, 1, "host")).hasMessageContaining("got '1' (from host)");
  }

  @Test
  void aHostDefaultThatBreaksAConstraintNamesBothSources() {
    ParameterValues t3 = SET.validate("paillier", Map.of("threshold", "3"), "--he-option");

    InvalidPluginOptionException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        InvalidPluginOptionException.class, () -> t3.withDefault(SHAREHOLDERS, 2, "the lifecycle"));
    assertThat(e.reason()).isEqualTo(Reason.CONSTRAINT_VIOLATED);
    assertThat(e).hasMessage("options of paillier must satisfy: threshold <= shareholders unless threshold is 0,"
        + " got threshold=3, shareholders=2 (from --he-option, the lifecycle)");
  }

  @Test
  void toMapGivesEffectiveJdkValuesInDeclarationOrder() {
    ParameterValues v = SET.validate("paillier", Map.of("model", "a,b", "decryptOrder", "Paper", "keyBits", "4096"));

    assertThat(v.toMap()).containsExactly(
        Map.entry("keyBits", 4096), Map.entry("threshold", 0), Map.entry("shareholders", 3),
        Map.entry("clipBound", 8.0), Map.entry("decryptOrder", "paper"), Map.entry("model", List.of("a", "b")));
    assertThat(SET.defaults("paillier").toMap()).doesNotContainKey("model");
    assertThatThrownBy(() -> v.toMap().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void valuesAreImmutable() {
    ParameterValues v = SET.validate("paillier", Map.of("model", "a,b"));

    assertThatThrownBy(() -> v.get(MODEL).add(Path.of("c"))).isInstanceOf(UnsupportedOperationException.class);
    assertThat(v.get(MODEL)).containsExactly(Path.of("a"), Path.of("b"));
  }

  @Test
  void equalityAndToString() {
    ParameterValues a = SET.validate("paillier", Map.of("keyBits", "4096", "decryptOrder", "paper"));
    ParameterValues b = SET.validate("paillier", Map.of("keyBits", " 4096", "decryptOrder", "PAPER"), "--option");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(SET.validate("other", Map.of("keyBits", "4096", "decryptOrder", "paper")));
    assertThat(a).hasToString(
        "paillier{keyBits=4096, threshold=0, shareholders=3, clipBound=8, decryptOrder=paper}");
    assertThat(a.parameterSet()).isSameAs(SET);
    assertThat(a.get(ORDER)).isEqualTo("paper");
  }
}
