package io.flep.plugin.api.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBytesTest {
  private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

  @Test
  void copiesOnCreateAndOnRead() {
    byte[] input = KEY.clone();
    SecretBytes secret = SecretBytes.copyFrom(input, SecretAccess.get());
    input[0] = 99;

    byte[] read = secret.toByteArray(SecretAccess.get());
    assertThat(read).isEqualTo(KEY);
    read[1] = 99;
    assertThat(secret.toByteArray(SecretAccess.get())).isEqualTo(KEY);
    assertThat(secret.size()).isEqualTo(16);
  }

  @Test
  void readingNeedsTheAccessToken() {
    SecretBytes secret = SecretBytes.copyFrom(KEY, SecretAccess.get());
    assertThatThrownBy(() -> secret.toByteArray(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void toStringNeverRevealsContent() {
    SecretBytes secret = SecretBytes.copyFrom(KEY, SecretAccess.get());
    assertThat(secret.toString()).isEqualTo("SecretBytes[16 bytes, redacted]")
        .doesNotContain(HexFormat.of().formatHex(KEY));
  }

  @Test
  void comparesContent() {
    SecretBytes a = SecretBytes.copyFrom(KEY, SecretAccess.get());
    SecretBytes b = SecretBytes.copyFrom(KEY, SecretAccess.get());
    byte[] other = KEY.clone();
    other[15] ^= 1;

    assertThat(a.equalsSecretBytes(b)).isTrue();
    assertThat(a.equalsSecretBytes(SecretBytes.copyFrom(other, SecretAccess.get()))).isFalse();
    assertThat(a.equalsSecretBytes(SecretBytes.copyFrom(new byte[] {0}, SecretAccess.get()))).isFalse();
  }

  @Test
  void destroyZeroesAndBlocksReads() {
    SecretBytes secret = SecretBytes.copyFrom(KEY, SecretAccess.get());
    SecretBytes zeros = SecretBytes.copyFrom(new byte[16], SecretAccess.get());
    SecretBytes copy = SecretBytes.copyFrom(KEY, SecretAccess.get());

    secret.destroy();

    assertThat(secret.isDestroyed()).isTrue();
    assertThatThrownBy(() -> secret.toByteArray(SecretAccess.get())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> secret.equalsSecretBytes(copy)).isInstanceOf(IllegalStateException.class);
    assertThat(secret.toString()).contains("destroyed");
    assertThat(zeros.equalsSecretBytes(zeros)).isTrue();
  }

  @Test
  void randomBytesHaveTheRequestedLength() {
    SecretBytes a = SecretBytes.randomBytes(32, new SecureRandom());
    SecretBytes b = SecretBytes.randomBytes(32, new SecureRandom());
    assertThat(a.size()).isEqualTo(32);
    assertThat(a.equalsSecretBytes(b)).isFalse();
    assertThatThrownBy(() -> SecretBytes.randomBytes(0, new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
  }
}
