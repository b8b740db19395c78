package io.flep.plugin.api.he;

import java.security.GeneralSecurityException;

/**
 * The secret side of an ordinary (not shared) homomorphic key: decrypts sums made with the key's
 * {@link HomomorphicEncryption}. Obtained only from a key that holds the secret part
 * ({@link HomomorphicSchemeProvider#newDecryption}); whoever holds one can decrypt any single update, so the
 * secure-aggregation rules are the holder's to enforce before calling it. Thread-safe.
 */
public interface HomomorphicDecryption {

  /**
   * Decrypts to the sum of all encrypted vectors (times their scalar weights); divide by
   * {@link HeCiphertext#contributors()} for the mean.
   *
   * @throws GeneralSecurityException if the ciphertext is of another key, or its contents are inconsistent with its
   *     header (a slot out of its bound: an overflow or a tampered ciphertext)
   */
  double[] decrypt(HeCiphertext c) throws GeneralSecurityException;
}
