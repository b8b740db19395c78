package io.flep.encryption.threelayer.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SecretImageTest {
  private static final byte[] SEED = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      SEED[i] = (byte) i;
    }
  }

  @Test
  void knownAnswerFromAnIndependentShake256() {
    // Python: hashlib.shake_256(b'flep-3layer secret image v1' + bytes(range(32)) + struct.pack('>iii', 4, 2, 1)).digest(8)
    assertThat(SecretImage.plane(SEED, 4, 2, 1)).containsExactly(248, 203, 39, 201, 38, 199, 13, 106);
  }

  @Test
  void deterministicAndSeparatedBySeedSizeAndChannel() {
    double[] a = SecretImage.plane(SEED, 16, 16, 0);
    assertThat(SecretImage.plane(SEED, 16, 16, 0)).containsExactly(a);
    assertThat(SecretImage.plane(SEED, 16, 16, 1)).isNotEqualTo(a);
    byte[] other = SEED.clone();
    other[31] ^= 1;
    assertThat(SecretImage.plane(other, 16, 16, 0)).isNotEqualTo(a);
    double[] wider = SecretImage.plane(SEED, 32, 8, 0);
    assertThat(wider).isNotEqualTo(a);
  }

  @Test
  void samplesLookUniform() {
    double[] p = SecretImage.plane(SEED, 256, 256, 0);
    double sum = 0;
    for (double v : p) {
      assertThat(v).isBetween(0.0, 255.0);
      sum += v;
    }
    assertThat(sum / p.length).isCloseTo(127.5, within(1.5));
  }

  @Test
  void rejectsBadSeedsAndSizes() {
    assertThatThrownBy(() -> SecretImage.plane(new byte[16], 4, 4, 0)).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> SecretImage.plane(SEED, 0, 4, 0)).hasMessageContaining("invalid");
  }
}
