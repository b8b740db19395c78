package io.flep.encryption.threelayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecryptOrderTest {

  @Test
  void parsesBothNamesCaseInsensitively() {
    assertThat(DecryptOrder.parse("paper")).isEqualTo(DecryptOrder.PAPER);
    assertThat(DecryptOrder.parse("Reordered")).isEqualTo(DecryptOrder.REORDERED);
    assertThat(DecryptOrder.REORDERED.id()).isEqualTo("reordered");
    assertThatThrownBy(() -> DecryptOrder.parse("")).hasMessageContaining("paper or reordered");
  }
}
