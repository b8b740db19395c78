package io.flep.encryption.dncnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flep.plugin.api.denoise.Denoiser;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SelfEnsembleTest {

  /** The 3 x 2 plane [0 1 2; 3 4 5] in some orientations (row-major source indices). */
  @Test
  void orientationsMapSamplesLikeFlipsAndTransposes() {
    assertThat(new SelfEnsemble.Orientation(false, false, false).sourceIndices(3, 2))
        .containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(new SelfEnsemble.Orientation(false, true, false).sourceIndices(3, 2))
        .containsExactly(2, 1, 0, 5, 4, 3);
    assertThat(new SelfEnsemble.Orientation(false, false, true).sourceIndices(3, 2))
        .containsExactly(3, 4, 5, 0, 1, 2);
    assertThat(new SelfEnsemble.Orientation(false, true, true).sourceIndices(3, 2))
        .containsExactly(5, 4, 3, 2, 1, 0);
    // transposed: 2 wide, 3 high: [0 3; 1 4; 2 5]
    assertThat(new SelfEnsemble.Orientation(true, false, false).sourceIndices(3, 2))
        .containsExactly(0, 3, 1, 4, 2, 5);
    assertThat(new SelfEnsemble.Orientation(true, true, true).sourceIndices(3, 2))
        .containsExactly(5, 2, 4, 1, 3, 0);
  }

  @Test
  void theEightOrientationsAreDistinctPermutations() {
    List<SelfEnsemble.Orientation> all = SelfEnsemble.orientations(8);
    Set<List<Integer>> seen = new HashSet<>();
    for (SelfEnsemble.Orientation o : all) {
      int[] source = o.sourceIndices(4, 3);
      assertThat(source).containsExactlyInAnyOrder(IntStream.range(0, 12).toArray());
      seen.add(IntStream.of(source).boxed().toList());
    }
    assertThat(seen).hasSize(8);
    assertThat(SelfEnsemble.orientations(4)).allSatisfy(o -> assertThat(o.transpose()).isFalse());
  }

  /**
   * A denoiser that adds each sample's column index in the frame it is given: averaged over the orientations,
   * a pixel at (x, y) of a W x H plane gets x, W-1-x (flips) and y, H-1-y (transposes) equally often.
   */
  @Test
  void resultsAreTurnedBackAndAveraged() {
    Denoiser addColumn = (plane, width, height, sigma) -> {
      assertThat(plane).hasSize(width * height);
      float[] out = new float[plane.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = plane[i] + i % width;
      }
      return out;
    };
    int w = 7;
    int h = 4;
    float[] plane = new float[w * h];
    for (int i = 0; i < plane.length; i++) {
      plane[i] = 10 * i;
    }

    float[] eight = SelfEnsemble.of(addColumn, 8).denoise(plane, w, h, 25);
    float[] four = SelfEnsemble.of(addColumn, 4).denoise(plane, w, h, 25);
    float[] two = SelfEnsemble.of(addColumn, 2).denoise(plane, w, h, 25);

    for (int i = 0; i < plane.length; i++) {
      assertThat(eight[i]).isCloseTo(plane[i] + (w + h - 2) / 4f, within(1e-4f));
      assertThat(four[i]).isCloseTo(plane[i] + (w - 1) / 2f, within(1e-4f));
      assertThat(two[i]).isCloseTo(plane[i] + (w - 1) / 2f, within(1e-4f));
    }
  }

  @Test
  void sizeOneIsThePlainDenoiserAndOtherSizesAreRefused() {
    Denoiser plain = (plane, width, height, sigma) -> plane.clone();
    assertThat(SelfEnsemble.of(plain, 1)).isSameAs(plain);
    assertThat(((SelfEnsemble) SelfEnsemble.of(plain, 8)).size()).isEqualTo(8);
    assertThatThrownBy(() -> SelfEnsemble.of(plain, 3))
        .hasMessage("ensemble size must be 1, 2, 4 or 8, got 3");
    assertThatThrownBy(() -> SelfEnsemble.of(plain, 4).denoise(new float[5], 2, 3, 25))
        .hasMessage("plane has 5 samples, not 2 x 3");
  }
}
