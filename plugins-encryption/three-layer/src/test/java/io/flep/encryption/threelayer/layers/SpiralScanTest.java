package io.flep.encryption.threelayer.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpiralScanTest {

  @Test
  void knownOrders() {
    assertThat(SpiralScan.order(1)).containsExactly(0);
    assertThat(SpiralScan.order(2)).containsExactly(0, 1, 3, 2);
    assertThat(SpiralScan.order(3)).containsExactly(0, 1, 2, 5, 8, 7, 6, 3, 4);
    assertThat(SpiralScan.order(4)).containsExactly(0, 1, 2, 3, 7, 11, 15, 14, 13, 12, 8, 4, 5, 6, 10, 9);
  }

  @Test
  void everySideGivesAPermutation() {
    for (int s = 1; s <= SpiralScan.MAX_SIDE; s++) {
      int[] sorted = SpiralScan.order(s).clone();
      Arrays.sort(sorted);
      for (int i = 0; i < sorted.length; i++) {
        assertThat(sorted[i]).as("side %d", s).isEqualTo(i);
      }
    }
  }

  @Test
  void rejectsBadSides() {
    assertThatThrownBy(() -> SpiralScan.order(0)).hasMessageContaining("1..64");
    assertThatThrownBy(() -> SpiralScan.order(65)).hasMessageContaining("got 65");
  }
}
