package io.flep.plugin.api.param;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BooleanParameterTest {
  static final BooleanParameter NOISE = Parameter.bool("noise").defaultValue(true);

  @Test
  void acceptsTrueAndFalseInAnyCase() {
    assertThat(NOISE.parse("true")).isTrue();
    assertThat(NOISE.parse("TRUE")).isTrue();
    assertThat(NOISE.parse("False")).isFalse();
    assertThat(NOISE.parse("fAlSe")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yes", "no", "1", "0", "on", "t", "truee"})
  void rejectsEverythingElse(String raw) {
    assertThat(NOISE.parse(raw)).isNull();
  }

  @Test
  void describesItself() {
    assertThat(NOISE.domain()).isEqualTo("true or false");
    assertThat(NOISE.allowedDescription()).isEqualTo(List.of(true, false));
    assertThat(NOISE.defaultValue()).contains(true);
    assertThat(NOISE.type()).isEqualTo(ParameterType.BOOLEAN);
  }
}
