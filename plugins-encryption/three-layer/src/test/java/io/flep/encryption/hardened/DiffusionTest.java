package io.flep.encryption.hardened;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiffusionTest {
  private static final long IV_F = 0x0123456789abcdefL;
  private static final long IV_B = 0xfedcba9876543210L;

  @Test
  void decryptInvertsEncryptExactly() {
    byte[] plain = new byte[10_000];
    new SplittableRandom(1).nextBytes(plain);
    byte[] s = plain.clone();

    Diffusion.encrypt(s, IV_F, IV_B);
    assertThat(s).isNotEqualTo(plain);
    Diffusion.decrypt(s, IV_F, IV_B);

    assertThat(s).isEqualTo(plain);
  }

  @Test
  void aChangeAnywhereAltersAlmostEverySampleBothWays() {
    byte[] plain = new byte[4096]; // constant image: the worst case for chaining
    for (int at : new int[] {0, 1, 2047, 4094, 4095}) {
      byte[] a = plain.clone();
      byte[] b = plain.clone();
      b[at] = 1;
      Diffusion.encrypt(a, IV_F, IV_B);
      Diffusion.encrypt(b, IV_F, IV_B);

      assertThat(ImageStats.npcr(a, b)).as("change at %d", at).isGreaterThan(99.0);
      assertThat(ImageStats.uaci(a, b)).as("change at %d", at).isBetween(31.0, 36.0);
    }
  }

  @Test
  void startStatesAreKeyMaterial() {
    byte[] a = new byte[256];
    byte[] b = new byte[256];
    Diffusion.encrypt(a, IV_F, IV_B);
    Diffusion.encrypt(b, IV_F ^ 1, IV_B);

    assertThat(ImageStats.npcr(a, b)).isGreaterThan(95.0);
  }

  @Test
  void fmix64IsTheMurmur3Finaliser() {
    assertThat(Diffusion.fmix64(0)).isZero();
    assertThat(Diffusion.fmix64(1)).isEqualTo(0xb456bcfc34c2cb2cL);
  }
}
