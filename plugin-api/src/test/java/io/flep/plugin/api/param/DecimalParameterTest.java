package io.flep.plugin.api.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalParameterTest {
  static final DecimalParameter ANY = Parameter.decimal("x");

  @Test
  void parsesPlainDecimalNumbers() {
    assertThat(ANY.parse("8")).isEqualTo(8.0);
    assertThat(ANY.parse("-2.5")).isEqualTo(-2.5);
    assertThat(ANY.parse("+.5")).isEqualTo(0.5);
    assertThat(ANY.parse("3.")).isEqualTo(3.0);
    assertThat(ANY.parse("1e-3")).isEqualTo(0.001);
    assertThat(ANY.parse("2.5E+2")).isEqualTo(250.0);
    assertThat(ANY.parse("1e308")).isEqualTo(1e308);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "abc", "NaN", "Infinity", "-Infinity", "1e400", "1e99999", "0x1p3", "8d", "8f",
      "1,5", "1.2.3", "e5", "1e", "- 1"})
  void rejectsNonFiniteAndNonDecimalSyntax(String raw) {
    assertThat(ANY.parse(raw)).isNull();
  }

  @Test
  void closedRangeIncludesBothBounds() {
    DecimalParameter alpha = ANY.range(0, 0.9);

    assertThat(alpha.domain()).isEqualTo("a number in [0, 0.9]");
    assertThat(alpha.parse("0")).isEqualTo(0.0);
    assertThat(alpha.parse("0.9")).isEqualTo(0.9);
    assertThat(alpha.parse("0.90000001")).isNull();
    assertThat(alpha.parse("-0.000001")).isNull();
  }

  @Test
  void openRangeExcludesBothBounds() {
    DecimalParameter x0 = ANY.greaterThan(0).lessThan(1);

    assertThat(x0.domain()).isEqualTo("a number in (0, 1)");
    assertThat(x0.parse("0")).isNull();
    assertThat(x0.parse("1")).isNull();
    assertThat(x0.parse("1e-300")).isEqualTo(1e-300);
    assertThat(x0.parse("0.9999999")).isEqualTo(0.9999999);
  }

  @Test
  void mixedAndOneSidedBounds() {
    assertThat(ANY.greaterThan(0).atMost(1).domain()).isEqualTo("a number in (0, 1]");
    assertThat(ANY.atLeast(0).lessThan(1).domain()).isEqualTo("a number in [0, 1)");
    assertThat(ANY.greaterThan(0).domain()).isEqualTo("a number > 0");
    assertThat(ANY.atLeast(0).domain()).isEqualTo("a number >= 0");
    assertThat(ANY.lessThan(-1.5).domain()).isEqualTo("a number < -1.5");
    assertThat(ANY.atMost(255).domain()).isEqualTo("a number <= 255");
    assertThat(ANY.domain()).isEqualTo("a finite number");
    assertThat(ANY.greaterThan(0).parse("0")).isNull();
    assertThat(ANY.atLeast(0).parse("0")).isEqualTo(0.0);
    assertThat(ANY.atLeast(0).parse("-0")).isEqualTo(-0.0);
    assertThat(ANY.greaterThan(0).parse("-0")).isNull();
    assertThat(ANY.range(3.57, 4).domain()).isEqualTo("a number in [3.57, 4]");
  }

  @Test
  void boundsAreFiniteAndTheRangeNonEmpty() {
    assertThatThrownBy(() -> ANY.atLeast(Double.NaN)).hasMessage("bound of parameter 'x' must be finite, got NaN");
    assertThatThrownBy(() -> ANY.atMost(Double.POSITIVE_INFINITY)).hasMessageContaining("must be finite");
    assertThatThrownBy(() -> ANY.range(1, 0)).hasMessage("parameter 'x' has an empty range [1, 0]");
    assertThatThrownBy(() -> ANY.greaterThan(1).atMost(1)).hasMessage("parameter 'x' has an empty range (1, 1]");
    assertThat(ANY.range(1, 1).parse("1")).isEqualTo(1.0);
  }

  @Test
  void theDefaultIsFiniteAndInsideTheBounds() {
    assertThat(ANY.defaultValue(8).greaterThan(0).defaultValue()).contains(8.0);
    assertThatThrownBy(() -> ANY.greaterThan(0).defaultValue(0))
        .hasMessage("default 0 of parameter 'x' is not a number > 0");
    assertThatThrownBy(() -> ANY.defaultValue(Double.NaN)).hasMessage("default NaN of parameter 'x' is not a finite number");
    assertThatThrownBy(() -> ANY.defaultValue(25).range(0, 0.9))
        .hasMessage("default 25 of parameter 'x' is not a number in [0, 0.9]");
  }

  @Test
  void formatsWithoutExponentsOrTrailingZeros() {
    assertThat(ANY.format(4.0)).isEqualTo("4");
    assertThat(ANY.format(0.9)).isEqualTo("0.9");
    assertThat(ANY.format(1e-6)).isEqualTo("0.000001");
    assertThat(ANY.format(0x1p52)).isEqualTo("4503599627370496");
    assertThat(ANY.format(-0.0)).isEqualTo("0");
  }

  @Test
  void describesItsBounds() {
    assertThat(ANY.greaterThan(0).lessThan(1).allowedDescription()).isEqualTo(
        ParameterSetTest.map("min", 0.0, "minInclusive", false, "max", 1.0, "maxInclusive", false));
    assertThat(ANY.atMost(128).allowedDescription()).isEqualTo(Map.of("max", 128.0, "maxInclusive", true));
    assertThat(ANY.allowedDescription()).isEqualTo(Map.of());
    assertThat(ANY.type()).isEqualTo(ParameterType.DECIMAL);
  }
}
