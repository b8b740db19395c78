package io.flep.encryption.aesgcm;

import io.flep.plugin.api.aead.Aead;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-GCM data cipher. Ciphertext format, version 1: {@code version (1 byte) || nonce (12 bytes) || ciphertext ||
 * tag (16 bytes)}; the version byte is authenticated as a prefix of the associated data.
 *
 * <p>Guarantees: confidentiality and integrity of the plaintext and integrity of the associated data (IND-CCA2,
 * INT-CTXT) as long as no 96-bit nonce repeats under a key. Nonces are drawn at random per message, so keep each
 * key under 2<sup>32</sup> messages (NIST SP 800-38D §8.3); a repeated nonce would reveal the XOR of two
 * plaintexts and permit forgeries. The plaintext length is not hidden. Thread-safe.
 */
final class AesGcmCipher implements Aead {
  static final byte VERSION = 1;
  static final int OVERHEAD = 1 + Gcm.NONCE_BYTES + Gcm.TAG_BYTES;
  private static final byte[] EMPTY = new byte[0];

  private final KeyParameter key;
  private final SecureRandom random;

  AesGcmCipher(KeyParameter key, SecureRandom random) {
    this.key = key;
    this.random = random;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[Gcm.NONCE_BYTES];
    random.nextBytes(nonce);
    return encryptWithNonce(nonce, plaintext, associatedData);
  }

  /** Deterministic encryption for known-answer tests only: never reuse a nonce under one key. */
  byte[] encryptWithNonce(byte[] nonce, byte[] plaintext, byte[] associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] sealed = Gcm.seal(key, nonce, plaintext, new byte[] {VERSION}, orEmpty(associatedData));
    byte[] out = new byte[1 + nonce.length + sealed.length];
    out[0] = VERSION;
    System.arraycopy(nonce, 0, out, 1, nonce.length);
    System.arraycopy(sealed, 0, out, 1 + nonce.length, sealed.length);
    return out;
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (ciphertext.length < OVERHEAD) {
      throw new GeneralSecurityException("aes-gcm ciphertext too short: " + ciphertext.length
          + " bytes, at least " + OVERHEAD + " needed (version, 12-byte nonce, 16-byte tag)");
    }
    if (ciphertext[0] != VERSION) {
      throw new GeneralSecurityException(
          "unsupported aes-gcm ciphertext version " + (ciphertext[0] & 0xff) + " (supported: " + VERSION + ")");
    }
    byte[] nonce = Arrays.copyOfRange(ciphertext, 1, 1 + Gcm.NONCE_BYTES);
    int body = 1 + Gcm.NONCE_BYTES;
    return Gcm.open(key, nonce, ciphertext, body, ciphertext.length - body, new byte[] {VERSION}, orEmpty(associatedData));
  }

  private static byte[] orEmpty(byte[] b) {
    return b == null ? EMPTY : b;
  }

  @Override
  public String toString() {
    return "AesGcmCipher[" + key.getKeyLength() * 8 + "-bit key, redacted]";
  }
}
