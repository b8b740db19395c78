package io.flep.plugin.api.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterTest {

  @Test
  void theFluentExampleDeclaresEverything() {
    IntegerParameter keyBits = Parameter.integer("keyBits").defaultValue(2048).range(2048, 8192)
        .description("bit length of the modulus").securityRelevant();

    assertThat(keyBits.name()).isEqualTo("keyBits");
    assertThat(keyBits.type()).isEqualTo(ParameterType.INTEGER);
    assertThat(keyBits.defaultValue()).contains(2048);
    assertThat(keyBits.domain()).isEqualTo("an integer in [2048, 8192]");
    assertThat(keyBits.description()).isEqualTo("bit length of the modulus");
    assertThat(keyBits.affectsSecurity()).isTrue();
    assertThat(keyBits.allows(4096)).isTrue();
    assertThat(keyBits.allows(1024)).isFalse();
    assertThat(keyBits.allows(null)).isFalse();
    assertThat(keyBits).hasToString(
        "keyBits (integer, default 2048, an integer in [2048, 8192], affects security)");
  }

  @Test
  void optionalParametersHaveNoDefaultAndDoNotAffectSecurityUnlessSaid() {
    DecimalParameter x0 = Parameter.decimal("x0").greaterThan(0).lessThan(1).description("start value");

    assertThat(x0.defaultValue()).isEmpty();
    assertThat(x0.affectsSecurity()).isFalse();
    assertThat(x0).hasToString("x0 (decimal, a number in (0, 1))");
  }

  @Test
  void refiningReturnsACopyAndLeavesTheReceiverUnchanged() {
    IntegerParameter base = Parameter.integer("n");
    IntegerParameter refined = base.range(1, 3).defaultValue(2).description("n").securityRelevant();

    assertThat(base.defaultValue()).isEmpty();
    assertThat(base.domain()).isEqualTo("an integer");
    assertThat(base.description()).isEmpty();
    assertThat(base.affectsSecurity()).isFalse();
    assertThat(refined).isNotSameAs(base).isNotEqualTo(base);
  }

  @Test
  void equalDeclarationsAreEqual() {
    assertThat(Parameter.integer("n").range(1, 3).description("d"))
        .isEqualTo(Parameter.integer("n").range(1, 3).description("d"))
        .hasSameHashCodeAs(Parameter.integer("n").range(1, 3).description("d"))
        .isNotEqualTo(Parameter.integer("n").range(1, 4).description("d"))
        .isNotEqualTo(Parameter.integer("n").range(1, 3).description("e"))
        .isNotEqualTo(Parameter.integer("n").range(1, 3).description("d").securityRelevant())
        .isNotEqualTo(Parameter.integer("n").range(1, 3).description("d").defaultValue(1));
    assertThat(Parameter.text("t").matching("a+", "as")).isEqualTo(Parameter.text("t").matching("a+", "as"));
    assertThat(Parameter.choice("c", "a", "b")).isNotEqualTo(Parameter.choice("c", "b", "a"));
    assertThat(Parameter.decimal("d").range(0, 1)).isNotEqualTo(Parameter.decimal("d").greaterThan(0).atMost(1));
    assertThat(Parameter.text("n")).isNotEqualTo(Parameter.choice("n", "a"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "KeyBits", "key-bits", "key_bits", "key.bits", "1st", "key bits", "ä"})
  void namesAreLowerCamelCase(String name) {
    assertThatThrownBy(() -> Parameter.integer(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be lower camel case");
  }

  @Test
  void longestNameIs64Characters() {
    assertThat(Parameter.bool("a".repeat(64)).name()).hasSize(64);
    assertThatThrownBy(() -> Parameter.bool("a".repeat(65))).hasMessageContaining("lower camel case");
    assertThat(Parameter.bool("x0").name()).isEqualTo("x0");
    assertThat(Parameter.bool("alphaLL").name()).isEqualTo("alphaLL");
  }

  @Test
  void descriptionsAreOneNonBlankLine() {
    assertThat(Parameter.bool("b").description("  trimmed  ").description()).isEqualTo("trimmed");
    assertThatThrownBy(() -> Parameter.bool("b").description(" "))
        .hasMessage("description of parameter 'b' must be one non-blank line, got ' '");
    assertThatThrownBy(() -> Parameter.bool("b").description("two\nlines")).hasMessageContaining("one non-blank line");
    assertThatThrownBy(() -> Parameter.bool("b").description("cr\rlf")).hasMessageContaining("one non-blank line");
  }
}
