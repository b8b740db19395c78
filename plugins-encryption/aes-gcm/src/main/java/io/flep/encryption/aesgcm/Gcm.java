package io.flep.encryption.aesgcm;

import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** Raw AES-GCM (NIST SP 800-38D) with a 128-bit tag, on Bouncy Castle's lightweight API. Stateless. */
final class Gcm {
  static final int NONCE_BYTES = 12;
  static final int TAG_BITS = 128;
  static final int TAG_BYTES = TAG_BITS / 8;

  private Gcm() {}

  /** Returns {@code ciphertext || tag}; the associated data is the concatenation of {@code aad} parts. */
  static byte[] seal(KeyParameter key, byte[] nonce, byte[] plaintext, byte[]... aad) {
    GCMModeCipher gcm = init(true, key, nonce, aad);
    byte[] out = new byte[gcm.getOutputSize(plaintext.length)];
    int n = gcm.processBytes(plaintext, 0, plaintext.length, out, 0);
    try {
      gcm.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e); // not reachable when encrypting
    }
    return out;
  }

  /** Verifies the tag and returns the plaintext of {@code ciphertext || tag}. */
  static byte[] open(KeyParameter key, byte[] nonce, byte[] sealed, int offset, int length, byte[]... aad)
      throws AEADBadTagException {
    GCMModeCipher gcm = init(false, key, nonce, aad);
    byte[] out = new byte[gcm.getOutputSize(length)];
    int n = gcm.processBytes(sealed, offset, length, out, 0);
    try {
      gcm.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new AEADBadTagException(
          "aes-gcm authentication failed: wrong key, wrong associated data, or the ciphertext was altered or truncated");
    }
    return out;
  }

  private static GCMModeCipher init(boolean encrypt, KeyParameter key, byte[] nonce, byte[][] aad) {
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(encrypt, new AEADParameters(key, TAG_BITS, nonce));
    for (byte[] part : aad) {
      gcm.processAADBytes(part, 0, part.length);
    }
    return gcm;
  }
}
