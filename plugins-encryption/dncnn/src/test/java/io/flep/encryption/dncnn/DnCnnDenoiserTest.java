package io.flep.encryption.dncnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Untrained models throughout: these tests check plumbing, never that the output is less noisy. */
class DnCnnDenoiserTest {

  private static final DnCnnModel MODEL = DnCnnInferenceTest.modelWithBatchNormStatistics(5);
  private static final DnCnnDenoiser DENOISER = new DnCnnDenoiser(MODEL, 25);

  @Test
  void matchesTheModelsResidualOutputOnAnOrdinaryPlane() {
    float[] plane = DnCnnModelTest.randomPlane(40 * 33, 1);
    float[] expected = MODEL.denoise(plane, 1, 33, 40);
    float[] actual = DENOISER.denoise(plane, 40, 33, 25);
    assertThat(actual).hasSize(plane.length);
    for (int i = 0; i < plane.length; i++) {
      assertThat(actual[i]).isCloseTo(expected[i], within(0.05f));
    }
  }

  @Test
  void tilingGivesTheSameValuesAsOneWholePass() {
    int w = 300;
    int h = 40; // two tiles side by side (256 + 44)
    float[] plane = DnCnnModelTest.randomPlane(w * h, 2);
    float[] whole = MODEL.denoise(plane, 1, h, w);
    float[] tiled = DENOISER.denoise(plane, w, h, 25);
    for (int i = 0; i < plane.length; i++) {
      assertThat(tiled[i]).as("pixel %d", i).isCloseTo(whole[i], within(0.05f));
    }
  }

  @Test
  void planesSmallerThanTheReceptiveFieldKeepTheirSize() {
    for (int[] size : new int[][] {{1, 1}, {5, 3}, {18, 40}, {40, 2}}) {
      float[] plane = DnCnnModelTest.randomPlane(size[0] * size[1], 3);
      float[] out = DENOISER.denoise(plane, size[0], size[1], 25);
      assertThat(out).hasSize(plane.length);
      for (float v : out) {
        assertThat(Float.isFinite(v)).isTrue();
      }
    }
  }

  @Test
  void aConstantTinyPlaneIsTreatedLikeAConstantLargeOne() {
    // mirror padding: a flat 4x4 patch sees flat context, as the centre of a flat 64x64 plane does
    float[] small = new float[16];
    float[] large = new float[64 * 64];
    java.util.Arrays.fill(small, 100f);
    java.util.Arrays.fill(large, 100f);
    float[] a = DENOISER.denoise(small, 4, 4, 25);
    float[] b = DENOISER.denoise(large, 64, 64, 25);
    assertThat(a[5]).isCloseTo(b[32 * 64 + 32], within(0.05f));
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> DENOISER.denoise(new float[10], 3, 3, 25))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 x 3");
    assertThatThrownBy(() -> DENOISER.denoise(new float[9], 3, 3, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DENOISER.denoise(new float[9], 3, 3, 15))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma 25.0, not 15.0");
    assertThat(DENOISER.denoise(new float[] {1, 2, 3, 4}, 2, 2, 0)).containsExactly(1, 2, 3, 4);
  }

  @Test
  void loadsAModelFileAndRejectsOneForAnotherSigma(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("s25.dncnn");
    DnCnnCodec.write(file, MODEL.params(), 25);
    float[] plane = DnCnnModelTest.randomPlane(20 * 20, 4);
    assertThat(DnCnnDenoiser.load(file, 25).denoise(plane, 20, 20, 25))
        .containsExactly(DENOISER.denoise(plane, 20, 20, 25));
    assertThatThrownBy(() -> DnCnnDenoiser.load(file, 50)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sigma 25.0, not sigma 50.0");
  }

  @Test
  void concurrentCallsGiveTheSameResultAsASingleThread() throws Exception {
    float[] plane = DnCnnModelTest.randomPlane(24 * 24, 6);
    float[] expected = DENOISER.denoise(plane, 24, 24, 25);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      java.util.List<Future<float[]>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        results.add(pool.submit(() -> DENOISER.denoise(plane, 24, 24, 25)));
      }
      for (Future<float[]> f : results) {
        float[] actual = f.get();
        for (int i = 0; i < expected.length; i++) {
          assertThat(actual[i]).isCloseTo(expected[i], within(1e-3f));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
