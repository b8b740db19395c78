package io.flep.encryption.aesgcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.aead.Aead;
import io.flep.plugin.api.key.KeyMaterial;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AesGcmCipherTest {
  private static final byte[] MESSAGE = "line-3 vibration 0.82 g".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AD = "dataset:run-42".getBytes(StandardCharsets.UTF_8);
  private final AesGcmProvider provider = new AesGcmProvider();
  private final SecureRandom random = new SecureRandom();

  private Aead newCipher() throws GeneralSecurityException {
    return provider.newAead(provider.generateKey(PluginOptions.empty(), random));
  }

  @Test
  void roundTripsWithAndWithoutAssociatedData() throws Exception {
    Aead cipher = newCipher();

    assertThat(cipher.decrypt(cipher.encrypt(MESSAGE, AD), AD)).isEqualTo(MESSAGE);
    assertThat(cipher.decrypt(cipher.encrypt(MESSAGE, null), new byte[0])).isEqualTo(MESSAGE);
    assertThat(cipher.decrypt(cipher.encrypt(new byte[0], AD), AD)).isEmpty();
  }

  @Test
  void formatIsVersionNonceCiphertextTag() throws Exception {
    Aead cipher = newCipher();
    byte[] a = cipher.encrypt(MESSAGE, AD);
    byte[] b = cipher.encrypt(MESSAGE, AD);

    assertThat(a).hasSize(1 + 12 + MESSAGE.length + 16);
    assertThat(a[0]).isEqualTo((byte) 1);
    assertThat(Arrays.copyOfRange(a, 1, 13)).as("fresh random nonce per message").isNotEqualTo(Arrays.copyOfRange(b, 1, 13));
  }

  @Test
  void fixedNonceFormatWrapsRawGcmWithTheVersionAuthenticated() throws Exception {
    byte[] key = HexFormat.of().parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    byte[] nonce = HexFormat.of().parseHex("cafebabefacedbaddecaf888");
    AesGcmCipher cipher = new AesGcmCipher(new KeyParameter(key), random);

    byte[] out = cipher.encryptWithNonce(nonce, MESSAGE, AD);

    byte[] raw = Gcm.seal(new KeyParameter(key), nonce, MESSAGE, new byte[] {1}, AD);
    assertThat(Arrays.copyOfRange(out, 13, out.length)).isEqualTo(raw);
    assertThat(Arrays.copyOfRange(out, 1, 13)).isEqualTo(nonce);
    assertThat(cipher.decrypt(out, AD)).isEqualTo(MESSAGE);
  }

  @ParameterizedTest(name = "flipping a bit at offset {0}")
  @ValueSource(ints = {1, 6, 12, 13, 20, 35, 40, 51})
  void tamperingWithNonceCiphertextOrTagIsDetected(int offset) throws Exception {
    Aead cipher = newCipher();
    byte[] c = cipher.encrypt(MESSAGE, AD); // 52 bytes: nonce 1..12, body 13..35, tag 36..51
    c[offset] ^= 0x01;

    assertThatThrownBy(() -> cipher.decrypt(c, AD))
        .isInstanceOf(AEADBadTagException.class)
        .hasMessageStartingWith("aes-gcm authentication failed");
  }

  @Test
  void tamperedVersionIsRejected() throws Exception {
    Aead cipher = newCipher();
    byte[] c = cipher.encrypt(MESSAGE, AD);
    c[0] = 2;

    assertThatThrownBy(() -> cipher.decrypt(c, AD))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("unsupported aes-gcm ciphertext version 2 (supported: 1)");
  }

  @Test
  void truncationIsRejected() throws Exception {
    Aead cipher = newCipher();
    byte[] c = cipher.encrypt(MESSAGE, AD);

    assertThatThrownBy(() -> cipher.decrypt(Arrays.copyOf(c, c.length - 1), AD)).isInstanceOf(AEADBadTagException.class);
    assertThatThrownBy(() -> cipher.decrypt(Arrays.copyOf(c, 28), AD))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageStartingWith("aes-gcm ciphertext too short: 28 bytes, at least 29 needed");
  }

  @Test
  void wrongAssociatedDataOrKeyFails() throws Exception {
    Aead cipher = newCipher();
    byte[] c = cipher.encrypt(MESSAGE, AD);

    assertThatThrownBy(() -> cipher.decrypt(c, "dataset:run-43".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(AEADBadTagException.class);
    assertThatThrownBy(() -> cipher.decrypt(c, null)).isInstanceOf(AEADBadTagException.class);
    assertThatThrownBy(() -> newCipher().decrypt(c, AD)).isInstanceOf(AEADBadTagException.class);
  }

  @Test
  void aes128KeysWork() throws Exception {
    KeyMaterial key = provider.generateKey(PluginOptions.empty().with("keySizeBits", "128"), random);
    Aead cipher = provider.newAead(key);

    assertThat(key.secretPart().orElseThrow().size()).isEqualTo(16);
    assertThat(cipher.decrypt(cipher.encrypt(MESSAGE, AD), AD)).isEqualTo(MESSAGE);
    assertThat(cipher.toString()).isEqualTo("AesGcmCipher[128-bit key, redacted]");
  }
}
