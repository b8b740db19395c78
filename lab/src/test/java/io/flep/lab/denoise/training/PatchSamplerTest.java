package io.flep.lab.denoise.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatchSamplerTest {

  /** 3x3 image a b c / d e f / g h i as 1..9. */
  private static final float[] ABC = {1, 2, 3, 4, 5, 6, 7, 8, 9};

  @Test
  void transformsAreTheEightSymmetriesOfTheSquare() {
    assertThat(PatchSampler.transform(ABC, 3, 0)).containsExactly(ABC);
    assertThat(PatchSampler.transform(ABC, 3, 1)).as("mirror").containsExactly(3, 2, 1, 6, 5, 4, 9, 8, 7);
    assertThat(PatchSampler.transform(ABC, 3, 2)).as("quarter turn ccw").containsExactly(3, 6, 9, 2, 5, 8, 1, 4, 7);
    assertThat(PatchSampler.transform(ABC, 3, 4)).as("half turn").containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1);
    assertThat(PatchSampler.transform(ABC, 3, 6)).as("quarter turn cw").containsExactly(7, 4, 1, 8, 5, 2, 9, 6, 3);
    assertThat(PatchSampler.transform(ABC, 3, 5)).as("mirror then half turn = vertical flip")
        .containsExactly(7, 8, 9, 4, 5, 6, 1, 2, 3);
    Set<List<Float>> distinct = new HashSet<>();
    for (int t = 0; t < 8; t++) {
      distinct.add(asList(PatchSampler.transform(ABC, 3, t)));
    }
    assertThat(distinct).hasSize(8);
    assertThat(ABC).as("input untouched").containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThatThrownBy(() -> PatchSampler.transform(ABC, 3, 8)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void patchesAreWindowsOfTheImageUnderSomeSymmetryAndAllSymmetriesOccur() {
    GreyPlane img = plane(5, 4, 11);
    PatchSampler s = new PatchSampler(List.of(img), 3, 0);
    Set<List<Float>> allowed = new HashSet<>();
    for (int y0 = 0; y0 <= 1; y0++) {
      for (int x0 = 0; x0 <= 2; x0++) {
        float[] w = new float[9];
        for (int y = 0; y < 3; y++) {
          for (int x = 0; x < 3; x++) {
            w[y * 3 + x] = img.at(x0 + x, y0 + y);
          }
        }
        for (int t = 0; t < 8; t++) {
          allowed.add(asList(PatchSampler.transform(w, 3, t)));
        }
      }
    }
    PatchSampler.Batch b = s.sample(1000, new Random(1));
    assertThat(b.clean()).hasSize(1000 * 9);
    for (float e : b.noise()) {
      assertThat(e == 0f).as("sigma 0: no noise").isTrue();
    }
    Set<List<Float>> seen = new HashSet<>();
    for (int k = 0; k < 1000; k++) {
      List<Float> p = asList(Arrays.copyOfRange(b.clean(), k * 9, k * 9 + 9));
      assertThat(allowed).contains(p);
      seen.add(p);
    }
    assertThat(seen).as("6 windows x 8 symmetries, all distinct for this image").hasSize(48);
  }

  @Test
  void sameRandomSameBatchAndStepStreamsDiffer() {
    PatchSampler s = new PatchSampler(List.of(plane(50, 60, 1), plane(45, 41, 2)), 40, 25);
    PatchSampler.Batch a = s.sample(4, PatchSampler.stepRandom(42, 7));
    PatchSampler.Batch b = s.sample(4, PatchSampler.stepRandom(42, 7));
    PatchSampler.Batch c = s.sample(4, PatchSampler.stepRandom(42, 8));
    PatchSampler.Batch d = s.sample(4, PatchSampler.stepRandom(43, 7));
    assertThat(a.clean()).containsExactly(b.clean());
    assertThat(a.noise()).containsExactly(b.noise());
    assertThat(a.noise()).isNotEqualTo(c.noise());
    assertThat(a.noise()).isNotEqualTo(d.noise());
    assertThat(a.count()).isEqualTo(4);
    assertThat(a.side()).isEqualTo(40);
  }

  @Test
  void noiseHasMeanZeroAndStdSigmaAndNoisyIsCleanPlusNoise() {
    double sigma = 25;
    PatchSampler s = new PatchSampler(List.of(plane(64, 64, 3)), 40, sigma);
    PatchSampler.Batch b = s.sample(64, new Random(5));
    float[] noisy = b.noisy();
    double sum = 0;
    double sq = 0;
    int n = b.noise().length;
    for (int i = 0; i < n; i++) {
      double e = b.noise()[i];
      sum += e;
      sq += e * e;
      assertThat(noisy[i]).isEqualTo(b.clean()[i] + b.noise()[i]);
    }
    double mean = sum / n;
    double std = Math.sqrt(sq / n - mean * mean);
    assertThat(n).isEqualTo(102_400);
    assertThat(Math.abs(mean)).isLessThan(5 * sigma / Math.sqrt(n));
    assertThat(std).isCloseTo(sigma, org.assertj.core.data.Offset.offset(0.02 * sigma));
    assertThat(Arrays.stream(toDouble(noisy)).anyMatch(v -> v < 0 || v > 255)).as("unclipped").isTrue();
  }

  @Test
  void smallImagesAreSkippedAndNoLargeImageIsAnError() {
    PatchSampler s = new PatchSampler(List.of(plane(10, 10, 1), plane(40, 40, 2)), 40, 25);
    assertThat(s.images()).extracting(GreyPlane::name).containsExactly("p2");
    assertThatThrownBy(() -> new PatchSampler(List.of(plane(39, 80, 1)), 40, 25))
        .hasMessageContaining("at least 40x40");
    assertThatThrownBy(() -> new PatchSampler(List.of(plane(40, 40, 1)), 40, -1)).hasMessageContaining("sigma");
  }

  private static GreyPlane plane(int w, int h, long seed) {
    byte[] p = new byte[w * h];
    new Random(seed).nextBytes(p);
    return new GreyPlane("p" + seed, w, h, p);
  }

  private static List<Float> asList(float[] v) {
    Float[] boxed = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      boxed[i] = v[i];
    }
    return List.of(boxed);
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
