package io.flep.plugin.api.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChoiceParameterTest {
  static final ChoiceParameter ORDER = Parameter.choice("decryptOrder", "paper", "reordered");

  @Test
  void matchesIgnoringCaseAndReturnsTheDeclaredSpelling() {
    assertThat(ORDER.parse("paper")).isEqualTo("paper");
    assertThat(ORDER.parse("PAPER")).isEqualTo("paper");
    assertThat(ORDER.parse("Reordered")).isEqualTo("reordered");
    assertThat(ORDER.parse("pape")).isNull();
    assertThat(ORDER.parse("")).isNull();
  }

  @Test
  void describesItsValuesInDeclarationOrder() {
    assertThat(ORDER.domain()).isEqualTo("one of paper, reordered");
    assertThat(ORDER.values()).containsExactly("paper", "reordered");
    assertThat(ORDER.allowedDescription()).isEqualTo(List.of("paper", "reordered"));
    assertThat(ORDER.type()).isEqualTo(ParameterType.CHOICE);
    assertThatThrownBy(() -> ORDER.values().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsBadValueListsAndDefaults() {
    assertThatThrownBy(() -> Parameter.choice("c")).hasMessage("choice parameter 'c' needs at least one value");
    assertThatThrownBy(() -> Parameter.choice("c", "a", "A"))
        .hasMessage("choice parameter 'c' lists 'A' twice (values are matched ignoring case)");
    assertThatThrownBy(() -> Parameter.choice("c", "a", " ")).hasMessageContaining("non-blank word");
    assertThatThrownBy(() -> Parameter.choice("c", "a,b")).hasMessageContaining("without commas");
    assertThatThrownBy(() -> ORDER.defaultValue("fast"))
        .hasMessage("default fast of parameter 'decryptOrder' is not one of paper, reordered");
    assertThatThrownBy(() -> ORDER.defaultValue("PAPER")).hasMessageContaining("default PAPER");
    assertThat(ORDER.defaultValue("reordered").defaultValue()).contains("reordered");
  }
}
