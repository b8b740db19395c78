package io.flep.encryption.hardened;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HaarBlendTest {

  @Test
  void inverseMod256IsCorrectForEveryOddNumber() {
    for (int a = 1; a < 256; a += 2) {
      assertThat((a * HaarBlend.inverseMod256(a)) & 0xff).as("a = %d", a).isEqualTo(1);
    }
    assertThatThrownBy(() -> HaarBlend.inverseMod256(4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void liftingIsABijectionOnEvery2x2BlockWithTheUsualSmoothBehaviour() {
    SplittableRandom rng = new SplittableRandom(2);
    for (int n = 0; n < 200_000; n++) {
      int[] q = {rng.nextInt(256), rng.nextInt(256), rng.nextInt(256), rng.nextInt(256)};
      int[] t = q.clone();
      HaarBlend.forward(t);
      for (int v : t) {
        assertThat(v).isBetween(0, 255);
      }
      HaarBlend.inverse(t);
      assertThat(t).isEqualTo(q);
    }
    int[] flat = {100, 100, 100, 100};
    HaarBlend.forward(flat);
    assertThat(flat).containsExactly(100, 0, 0, 0); // a flat block is all LL
    int[] ramp = {10, 14, 10, 14};
    HaarBlend.forward(ramp);
    assertThat(ramp).containsExactly(12, 0xfc, 0, 0); // floor mean, horizontal detail -4 mod 256
  }

  @Test
  void blendInvertsExactlyForRgbWithPerSubbandWeights() {
    int w = 6;
    int h = 4;
    byte[] x = new byte[w * h * 3];
    byte[] secret = new byte[x.length];
    SplittableRandom rng = new SplittableRandom(3);
    rng.nextBytes(x);
    rng.nextBytes(secret);
    int[] wa = new int[12];
    int[] wb = new int[12];
    int[] waInv = new int[12];
    for (int i = 0; i < 12; i++) {
      wa[i] = rng.nextInt(256) | 1;
      wb[i] = rng.nextInt(256) | 1;
      waInv[i] = HaarBlend.inverseMod256(wa[i]);
    }
    byte[] s = x.clone();

    HaarBlend.blend(s, secret, w, h, 3, wa, wb);
    assertThat(s).isNotEqualTo(x);
    HaarBlend.unblend(s, secret, w, h, 3, waInv, wb);

    assertThat(s).isEqualTo(x);
  }

  @Test
  void withUnitWeightsTheBlendAddsTheSecretImageInTheWaveletDomain() {
    byte[] x = new byte[4];
    byte[] secret = {7, 7, 7, 7};
    int[] one = {1, 1, 1, 1};
    HaarBlend.blend(x, secret, 2, 2, 1, one, one);

    assertThat(x).containsExactly(7, 7, 7, 7); // Haar(0) + Haar(S) = Haar(S) for a zero image
    byte[] y = new byte[4];
    Arrays.fill(y, (byte) 200);
    HaarBlend.blend(y, new byte[4], 2, 2, 1, one, one);
    assertThat(y).containsExactly((byte) 200, (byte) 200, (byte) 200, (byte) 200);
  }
}
