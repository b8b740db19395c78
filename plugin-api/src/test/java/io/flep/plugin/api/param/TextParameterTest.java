package io.flep.plugin.api.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TextParameterTest {
  static final TextParameter DENOISER = Parameter.text("denoiser")
      .matching("[a-z0-9][a-z0-9._-]{0,63}", "a plugin id (a-z, 0-9, '.', '_', '-'; at most 64 characters)");

  @Test
  void unrestrictedTextTakesAnything() {
    TextParameter label = Parameter.text("label");

    assertThat(label.parse("any thing, really")).isEqualTo("any thing, really");
    assertThat(label.parse("")).isEqualTo("");
    assertThat(label.domain()).isEqualTo("any text");
    assertThat(label.allowedDescription()).isEqualTo(Map.of());
  }

  @Test
  void aPatternMustMatchTheWholeValue() {
    assertThat(DENOISER.parse("dncnn")).isEqualTo("dncnn");
    assertThat(DENOISER.parse("my.denoiser-2_b")).isEqualTo("my.denoiser-2_b");
    assertThat(DENOISER.parse("DnCNN")).isNull();
    assertThat(DENOISER.parse("wiener!")).isNull();
    assertThat(DENOISER.parse("")).isNull();
    assertThat(DENOISER.parse("a".repeat(65))).isNull();
    assertThat(DENOISER.domain()).isEqualTo("a plugin id (a-z, 0-9, '.', '_', '-'; at most 64 characters)");
    assertThat(DENOISER.allowedDescription()).isEqualTo(Map.of("pattern", "[a-z0-9][a-z0-9._-]{0,63}"));
    assertThat(DENOISER.type()).isEqualTo(ParameterType.TEXT);
  }

  @Test
  void theDefaultMustMatchAndThePatternBeValid() {
    assertThat(DENOISER.defaultValue("wiener").defaultValue()).contains("wiener");
    assertThatThrownBy(() -> DENOISER.defaultValue("Wiener"))
        .hasMessage("default Wiener of parameter 'denoiser' is not a plugin id (a-z, 0-9, '.', '_', '-'; at most"
            + " 64 characters)");
    assertThatThrownBy(() -> Parameter.text("t").matching("[a-", "broken"))
        .hasMessageStartingWith("pattern of parameter 't' is invalid");
    assertThatThrownBy(() -> Parameter.text("t").matching("a", " "))
        .hasMessage("pattern of parameter 't' needs a meaning in words");
  }
}
