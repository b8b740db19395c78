package io.flep.encryption.aesgcm;

import io.flep.plugin.api.FlepPlugin;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.cipher.DataCipher;
import io.flep.plugin.api.cipher.DataCipherProvider;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The {@code aes-gcm} data cipher: AES-256 (or AES-128 with option {@code keySizeBits=128}) in GCM mode with
 * random 96-bit nonces and 128-bit tags; see {@link AesGcmCipher} for the format and guarantees. Keys are
 * {@link KeyMaterial} with scheme {@code aes-gcm}, format version 1, an empty public part and the raw AES key as
 * secret part.
 */
@FlepPlugin(
    id = AesGcmProvider.ID,
    version = "1.0.0",
    capabilities = {"aead", "associated-data"},
    description = "AES-GCM authenticated encryption (Bouncy Castle), 256-bit keys by default",
    securityNote = "Confidentiality and integrity of data and associated data (IND-CCA2) while nonces never repeat"
        + " under a key. Nonces are random 96-bit values: keep each key under 2^32 messages; a repeated nonce"
        + " leaks the XOR of two plaintexts and allows forgeries. Message lengths are not hidden.")
public final class AesGcmProvider implements DataCipherProvider {
  public static final String ID = "aes-gcm";
  static final int KEY_FORMAT_VERSION = 1;

  @Override
  public KeyMaterial generateKey(PluginOptions options, SecureRandom random) {
    int bits = options.getInt("keySizeBits", 256);
    if (bits != 128 && bits != 256) {
      throw new IllegalArgumentException("plugin option 'keySizeBits' must be 128 or 256, got '" + bits + "'");
    }
    return new KeyMaterial(ID, KEY_FORMAT_VERSION, new byte[0], Optional.of(SecretBytes.randomBytes(bits / 8, random)));
  }

  @Override
  public DataCipher newCipher(KeyMaterial key) throws GeneralSecurityException {
    if (!ID.equals(key.schemeId())) {
      throw new GeneralSecurityException("key belongs to scheme '" + key.schemeId() + "', not '" + ID + "'");
    }
    if (key.formatVersion() != KEY_FORMAT_VERSION) {
      throw new GeneralSecurityException(
          "unsupported aes-gcm key format version " + key.formatVersion() + " (supported: " + KEY_FORMAT_VERSION + ")");
    }
    SecretBytes secret = key.secretPart()
        .orElseThrow(() -> new GeneralSecurityException("aes-gcm key holds no secret part"));
    if (secret.size() != 16 && secret.size() != 32) {
      throw new GeneralSecurityException("aes-gcm key must be 16 or 32 bytes, got " + secret.size());
    }
    byte[] raw = secret.toByteArray(SecretAccess.get());
    try {
      return new AesGcmCipher(new KeyParameter(raw), new SecureRandom());
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }
}
