package io.flep.encryption.hardened;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyScheduleTest {
  private static final byte[] KEY = new byte[32];
  private static final byte[] NONCE = new byte[16];

  @Test
  void isDeterministicInKeyAndNonce() {
    KeySchedule a = KeySchedule.derive(KEY, NONCE, 2, 1, 16, 8);
    KeySchedule b = KeySchedule.derive(KEY, NONCE, 2, 1, 16, 8);

    assertThat(a.map).isEqualTo(b.map);
    assertThat(a.secretImage).isEqualTo(b.secretImage);
    assertThat(a.wa).isEqualTo(b.wa);
    assertThat(a.ivForward).isEqualTo(b.ivForward);
  }

  @Test
  void aNewNonceOrKeyGivesAnIndependentSchedule() {
    KeySchedule a = KeySchedule.derive(KEY, NONCE, 2, 1, 64, 64);
    byte[] nonce2 = NONCE.clone();
    nonce2[15] = 1;
    byte[] key2 = KEY.clone();
    key2[0] = (byte) 0x80;

    for (KeySchedule b : new KeySchedule[] {
      KeySchedule.derive(KEY, nonce2, 2, 1, 64, 64), KeySchedule.derive(key2, NONCE, 2, 1, 64, 64)
    }) {
      assertThat(ImageStats.npcr(a.secretImage, b.secretImage)).isGreaterThan(98.0);
      long samePlace = IntStream.range(0, a.map.length).filter(i -> a.map[i] == b.map[i]).count();
      assertThat(samePlace).isLessThan(a.map.length / 50);
      assertThat(b.ivForward).isNotEqualTo(a.ivForward);
    }
  }

  @Test
  void mapIsAPermutationAndWeightsAreOddWithInverses() {
    KeySchedule s = KeySchedule.derive(KEY, NONCE, 4, 3, 32, 16);

    assertThat(Arrays.stream(s.map).sorted().toArray()).isEqualTo(IntStream.range(0, 32 * 16).toArray());
    assertThat(s.secretImage).hasSize(32 * 16 * 3);
    assertThat(s.wa).hasSize(12);
    for (int i = 0; i < s.wa.length; i++) {
      assertThat(s.wa[i] & 1).isOne();
      assertThat(s.wb[i] & 1).isOne();
      assertThat((s.wa[i] * s.waInverse[i]) & 0xff).isOne();
    }
  }
}
