package io.flep.encryption.aesgcm;

import io.flep.plugin.api.Capabilities;
import io.flep.plugin.api.FlepPlugin;
import io.flep.plugin.api.aead.Aead;
import io.flep.plugin.api.aead.AeadProvider;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import io.flep.plugin.api.param.IntegerParameter;
import io.flep.plugin.api.param.Parameter;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;
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
    capabilities = {"aead", "associated-data", Capabilities.AUTHENTICATED, Capabilities.EXACT_DECRYPTION},
    description = "AES-GCM authenticated encryption (Bouncy Castle), 256-bit keys by default",
    securityNote = "Confidentiality and integrity of data and associated data (IND-CCA2) while nonces never repeat"
        + " under a key. Nonces are random 96-bit values: keep each key under 2^32 messages; a repeated nonce"
        + " leaks the XOR of two plaintexts and allows forgeries. Message lengths are not hidden.")
public final class AesGcmProvider implements AeadProvider {
  public static final String ID = "aes-gcm";
  static final int KEY_FORMAT_VERSION = 1;

  static final IntegerParameter KEY_SIZE_BITS = Parameter.integer("keySizeBits")
      .oneOf(128, 256).defaultValue(256)
      .description("AES key length in bits")
      .securityRelevant();
  private static final ParameterSet PARAMETERS = ParameterSet.of(KEY_SIZE_BITS);

  @Override
  public ParameterSet parameters() {
    return PARAMETERS;
  }

  @Override
  public KeyMaterial generateKey(ParameterValues options, SecureRandom random) {
    int bits = options.get(KEY_SIZE_BITS);
    return new KeyMaterial(ID, KEY_FORMAT_VERSION, new byte[0], Optional.of(SecretBytes.randomBytes(bits / 8, random)));
  }

  @Override
  public Aead newAead(KeyMaterial key) throws GeneralSecurityException {
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
