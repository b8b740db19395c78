package io.flep.lab.cipher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyFlipTest {
  private static KeyMaterial key(byte... secret) {
    return new KeyMaterial("k", 3, new byte[] {9}, Optional.of(SecretBytes.copyFrom(secret, SecretAccess.get())));
  }

  private static byte[] secret(KeyMaterial k) {
    return k.secretPart().orElseThrow().toByteArray(SecretAccess.get());
  }

  @Test
  void bitZeroIsTheMostSignificantBitOfByteZeroAndBit63TheLowestOfByte7() {
    KeyMaterial k = key(new byte[8]);

    assertThat(secret(KeyFlip.flip(k, 0))).containsExactly(0x80, 0, 0, 0, 0, 0, 0, 0);
    assertThat(secret(KeyFlip.flip(k, 63))).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);
    KeyMaterial flipped = KeyFlip.flip(k, 9);
    assertThat(secret(flipped)).containsExactly(0, 0x40, 0, 0, 0, 0, 0, 0);
    assertThat(flipped.schemeId()).isEqualTo("k");
    assertThat(flipped.formatVersion()).isEqualTo(3);
    assertThat(flipped.publicPart()).containsExactly(9);
    assertThat(secret(k)).as("original untouched").containsOnly(0);
  }

  @Test
  void flipRejectsBitsOutsideTheSecretAndPublicOnlyKeys() {
    assertThatThrownBy(() -> KeyFlip.flip(key(new byte[2]), 16)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyFlip.flip(new KeyMaterial("k", 1, new byte[0]), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no secret");
  }

  @Test
  void searchSkipsBitsTheSchemeRejects() throws GeneralSecurityException {
    NonceXorProvider provider = new NonceXorProvider(true, 70);
    KeyMaterial k = provider.generateKey(PluginOptions.empty(), new SecureRandom());

    assertThat(KeyFlip.firstAccepted(provider.plugin(), k, 63).bit()).isEqualTo(70);
    assertThat(KeyFlip.firstAccepted(new NonceXorProvider(true, 0).plugin(), k, 63).bit()).isEqualTo(63);
    assertThat(KeyFlip.firstAccepted(new NonceXorProvider(true, 0).plugin(), k, 1000).bit()).as("clamped to last bit")
        .isEqualTo(127);
  }

  @Test
  void searchFailsWhenEveryVariantIsRejected() {
    NonceXorProvider provider = new NonceXorProvider(true, 128);
    KeyMaterial k = provider.generateKey(PluginOptions.empty(), new SecureRandom());

    assertThatThrownBy(() -> KeyFlip.firstAccepted(provider.plugin(), k, 0)).isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("rejects every key");
  }
}
