package io.flep.lab.cipher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

class JdkAesGcmTest {
  private final JdkAesGcm cipher = new JdkAesGcm();

  @Test
  void roundTripsWithAFreshNonceEachTime() throws Exception {
    byte[] plain = "sixty-five thousand pixels".getBytes();

    byte[] a = cipher.encrypt(plain, null);
    byte[] b = cipher.encrypt(plain, null);

    assertThat(a).hasSize(12 + plain.length + 16).isNotEqualTo(b);
    assertThat(cipher.decrypt(a, null)).isEqualTo(plain);
  }

  @Test
  void tamperingAndShortInputFail() throws Exception {
    byte[] sealed = cipher.encrypt(new byte[100], "ad".getBytes());
    sealed[50] ^= 1;

    assertThatThrownBy(() -> cipher.decrypt(sealed, "ad".getBytes())).isInstanceOf(AEADBadTagException.class);
    assertThatThrownBy(() -> cipher.decrypt(new byte[5], null)).hasMessageContaining("too short");
  }
}
