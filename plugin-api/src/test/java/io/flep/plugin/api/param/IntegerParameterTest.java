package io.flep.plugin.api.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntegerParameterTest {
  static final IntegerParameter ANY = Parameter.integer("n");
  static final IntegerParameter RANGE = Parameter.integer("n").range(2048, 8192);

  @Test
  void parsesAsciiDecimalIntegersWithAnOptionalSign() {
    assertThat(ANY.parse("2048")).isEqualTo(2048);
    assertThat(ANY.parse("+3")).isEqualTo(3);
    assertThat(ANY.parse("-1")).isEqualTo(-1);
    assertThat(ANY.parse("007")).isEqualTo(7);
    assertThat(ANY.parse("2147483647")).isEqualTo(Integer.MAX_VALUE);
    assertThat(ANY.parse("-2147483648")).isEqualTo(Integer.MIN_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "2k", "2e3", "2048.0", "0x10", "1_000", "+", "- 1", "2147483648",
      "-2147483649", "99999999999", "\u0661\u0662", "１２"})
  void rejectsEverythingElse(String raw) {
    assertThat(ANY.parse(raw)).isNull();
  }

  @Test
  void rangeBoundsAreInclusive() {
    assertThat(RANGE.parse("2048")).isEqualTo(2048);
    assertThat(RANGE.parse("8192")).isEqualTo(8192);
    assertThat(RANGE.parse("2047")).isNull();
    assertThat(RANGE.parse("8193")).isNull();
    assertThat(RANGE.domain()).isEqualTo("an integer in [2048, 8192]");
  }

  @Test
  void oneSidedBoundsAndOddness() {
    IntegerParameter atLeast = ANY.atLeast(1);
    IntegerParameter atMost = ANY.atMost(10);
    IntegerParameter window = ANY.range(3, 31).odd();

    assertThat(atLeast.domain()).isEqualTo("an integer >= 1");
    assertThat(atLeast.parse("0")).isNull();
    assertThat(atLeast.parse("2147483647")).isEqualTo(Integer.MAX_VALUE);
    assertThat(atMost.domain()).isEqualTo("an integer <= 10");
    assertThat(atMost.parse("11")).isNull();
    assertThat(atMost.atLeast(0).domain()).isEqualTo("an integer in [0, 10]");
    assertThat(ANY.domain()).isEqualTo("an integer");
    assertThat(window.domain()).isEqualTo("an odd integer in [3, 31]");
    assertThat(window.parse("3")).isEqualTo(3);
    assertThat(window.parse("31")).isEqualTo(31);
    assertThat(window.parse("4")).isNull();
    assertThat(window.parse("1")).isNull();
    assertThat(window.parse("33")).isNull();
    assertThat(ANY.odd().parse("-3")).isEqualTo(-3);
  }

  @Test
  void oneOfAllowsExactlyTheListedValuesInTheirOrder() {
    IntegerParameter ensemble = ANY.oneOf(1, 2, 4, 8);

    assertThat(ensemble.domain()).isEqualTo("one of 1, 2, 4, 8");
    assertThat(ensemble.parse("4")).isEqualTo(4);
    assertThat(ensemble.parse("3")).isNull();
    assertThat(ANY.oneOf(256, 128).domain()).isEqualTo("one of 256, 128");
  }

  @Test
  void specialValuesWidenAnIntervalWithAMeaning() {
    IntegerParameter threshold = ANY.range(2, 16).orValue(0, "no threshold key");
    IntegerParameter slots = ANY.atLeast(1).orValue(0, "as many as fit");

    assertThat(threshold.domain()).isEqualTo("0 (no threshold key) or an integer in [2, 16]");
    assertThat(threshold.parse("0")).isEqualTo(0);
    assertThat(threshold.parse("1")).isNull();
    assertThat(threshold.parse("-1")).isNull();
    assertThat(threshold.parse("16")).isEqualTo(16);
    assertThat(slots.domain()).isEqualTo("0 (as many as fit) or an integer >= 1");
    assertThat(ANY.range(1, 5).orValue(0, "off").orValue(-1, "auto").domain())
        .isEqualTo("0 (off), -1 (auto) or an integer in [1, 5]");
  }

  @Test
  void inconsistentDomainsAreRejected() {
    assertThatThrownBy(() -> ANY.range(5, 4)).hasMessage("parameter 'n' has an empty range [5, 4]");
    assertThatThrownBy(() -> ANY.atLeast(5).atMost(4)).hasMessage("parameter 'n' has an empty range [5, 4]");
    assertThatThrownBy(() -> ANY.oneOf()).hasMessage("parameter 'n' needs at least one allowed value");
    assertThatThrownBy(() -> ANY.oneOf(1, 1)).hasMessage("parameter 'n' lists 1 twice");
    assertThatThrownBy(() -> ANY.range(1, 8).oneOf(1, 2)).hasMessageContaining("oneOf(..) together with a range");
    assertThatThrownBy(() -> ANY.oneOf(1, 2).odd()).hasMessageContaining("oneOf(..) together with");
    assertThatThrownBy(() -> ANY.range(0, 16).orValue(0, "off"))
        .hasMessage("special value 0 of parameter 'n' is declared twice or already within an integer in [0, 16]");
    assertThatThrownBy(() -> ANY.range(2, 16).orValue(0, "a").orValue(0, "b")).hasMessageContaining("twice");
    assertThatThrownBy(() -> ANY.orValue(0, " ")).hasMessage("special value 0 of parameter 'n' needs a meaning");
    assertThatThrownBy(() -> ANY.range(2, 16).orValue(0, "off").atLeast(0))
        .hasMessageContaining("already within");
  }

  @Test
  void theDefaultMustStayInsideTheDomainWhateverTheOrderOfCalls() {
    assertThat(ANY.defaultValue(2048).range(2048, 8192).defaultValue()).contains(2048);
    assertThatThrownBy(() -> RANGE.defaultValue(1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("default 1024 of parameter 'n' is not an integer in [2048, 8192]");
    assertThatThrownBy(() -> ANY.defaultValue(1024).range(2048, 8192))
        .hasMessage("default 1024 of parameter 'n' is not an integer in [2048, 8192]");
    assertThatThrownBy(() -> ANY.defaultValue(0).range(2, 16)).hasMessageContaining("default 0");
    assertThat(ANY.range(2, 16).orValue(0, "off").defaultValue(0).defaultValue()).contains(0);
    assertThatThrownBy(() -> ANY.defaultValue(4).range(3, 31).odd()).hasMessageContaining("an odd integer");
  }

  @Test
  void describesItsAllowedValues() {
    assertThat(RANGE.allowedDescription()).isEqualTo(ParameterSetTest.map("min", 2048, "max", 8192));
    assertThat(ANY.atLeast(1).orValue(0, "all").allowedDescription()).isEqualTo(ParameterSetTest.map(
        "min", 1, "special", java.util.List.of(ParameterSetTest.map("value", 0, "meaning", "all"))));
    assertThat(ANY.range(3, 31).odd().allowedDescription())
        .isEqualTo(ParameterSetTest.map("min", 3, "max", 31, "odd", true));
    assertThat(ANY.allowedDescription()).isEqualTo(java.util.Map.of());
    assertThat(ANY.oneOf(128, 256).allowedDescription()).isEqualTo(java.util.List.of(128, 256));
    assertThat(ANY.type()).isEqualTo(ParameterType.INTEGER);
  }
}
