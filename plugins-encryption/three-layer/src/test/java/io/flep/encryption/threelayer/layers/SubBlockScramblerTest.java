package io.flep.encryption.threelayer.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SubBlockScramblerTest {

  @Test
  void knownScrambleOfTwoBlocks() {
    // 4x2 plane, two 2x2 blocks swapped; each block read in spiral order (0,1,3,2) and written row-major.
    SubBlockScrambler s = new SubBlockScrambler(4, 2, 2, new int[] {1, 0});
    double[] out = new double[8];
    s.scramble(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, out);
    assertThat(out).containsExactly(2, 3, 0, 1, 7, 6, 5, 4);
  }

  @Test
  void identityOrderStillSpiralsInsideBlocks() {
    SubBlockScrambler s = new SubBlockScrambler(3, 3, 3, new int[] {0});
    byte[] out = new byte[9];
    s.scramble(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, out);
    assertThat(out).containsExactly(0, 1, 2, 5, 8, 7, 6, 3, 4);
  }

  @Test
  void unscrambleIsTheExactInverseForChaoticOrders() {
    for (int side : new int[] {1, 2, 3, 4, 8}) {
      int w = side * 12;
      int h = side * 7;
      int[] order = new LogisticMap(0.41, 3.999, 50).sortOrder(SubBlockScrambler.blockCount(w, h, side));
      SubBlockScrambler s = new SubBlockScrambler(w, h, side, order);
      double[] plain = new SplittableRandom(side).doubles(w * h).toArray();
      double[] scrambled = new double[w * h];
      double[] back = new double[w * h];
      s.scramble(plain, scrambled);
      s.unscramble(scrambled, back);
      assertThat(back).as("side %d", side).containsExactly(plain);
      assertThat(scrambled).isNotEqualTo(plain);
      byte[] bytes = new byte[w * h];
      new SplittableRandom(side).nextBytes(bytes);
      byte[] bs = new byte[w * h];
      byte[] bb = new byte[w * h];
      s.scramble(bytes, bs);
      s.unscramble(bs, bb);
      assertThat(bb).containsExactly(bytes);
    }
  }

  @Test
  void blocksMoveAsWholes() {
    int[] order = new LogisticMap(0.2, 3.99, 10).sortOrder(16);
    SubBlockScrambler s = new SubBlockScrambler(8, 8, 2, order);
    int[] src = s.sourceIndices();
    for (int k = 0; k < 16; k++) {
      int dx = (k % 4) * 2;
      int dy = (k / 4) * 2;
      int from = src[dy * 8 + dx];
      int bx = (order[k] % 4) * 2;
      int by = (order[k] / 4) * 2;
      assertThat(from).isEqualTo(by * 8 + bx); // spiral starts at the source block's top-left
    }
  }

  @Test
  void rejectsBadGeometryAndOrders() {
    assertThatThrownBy(() -> new SubBlockScrambler(5, 4, 2, new int[4])).hasMessageContaining("multiple of the block side 2");
    assertThatThrownBy(() -> new SubBlockScrambler(4, 4, 2, new int[] {0, 1, 2})).hasMessageContaining("4 blocks expected");
    assertThatThrownBy(() -> new SubBlockScrambler(4, 4, 2, new int[] {0, 1, 1, 3})).hasMessageContaining("not a permutation");
    SubBlockScrambler s = new SubBlockScrambler(4, 4, 2, new int[] {0, 1, 2, 3});
    double[] a = new double[16];
    assertThatThrownBy(() -> s.scramble(a, a)).hasMessageContaining("in place");
    assertThatThrownBy(() -> s.scramble(a, new double[15])).hasMessageContaining("16 samples");
  }
}
