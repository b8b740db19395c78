package io.flep.encryption.hardened;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScramblerTest {

  @Test
  void pixelMapMovesWholeBlocksAndSpiralsInside() {
    // pins the convention shared with the faithful mode's SubBlockScrambler
    // 4x2 image, 2x2 blocks, blocks swapped
    int[] map = Scrambler.pixelMap(4, 2, 2, new int[] {1, 0});

    // destination block 0 = source block 1 (pixels 2, 3, 6, 7) read in spiral order 2, 3, 7, 6
    assertThat(map).containsExactly(2, 3, 0, 1, 7, 6, 5, 4);
  }

  @Test
  void scrambleAndUnscrambleAreInversePermutations() {
    int[] perm = {3, 0, 5, 1, 4, 2};
    int[] map = Scrambler.pixelMap(9, 6, 3, perm);
    assertThat(Arrays.stream(map).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, 54).toArray());
    for (int channels : new int[] {1, 3}) {
      byte[] in = new byte[54 * channels];
      new SplittableRandom(channels).nextBytes(in);
      byte[] scrambled = new byte[in.length];
      byte[] back = new byte[in.length];

      Scrambler.scramble(in, scrambled, map, channels);
      Scrambler.unscramble(scrambled, back, map, channels);

      assertThat(back).isEqualTo(in);
      assertThat(scrambled[0]).isEqualTo(in[map[0] * channels]);
    }
  }

  @Test
  void rejectsSizesThatAreNotWholeBlocks() {
    assertThatThrownBy(() -> Scrambler.pixelMap(5, 4, 2, new int[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a positive multiple of the block side 2");
  }
}
