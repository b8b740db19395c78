package io.flep.plugin.api.he;

import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Decryption of a key shared among several parties so that no single party can decrypt: any {@link #threshold()}
 * share holders decrypt together, fewer learn nothing. A share holder's instance (from its share key)
 * {@linkplain #partialDecrypt partially decrypts} a ciphertext; any instance, even one from the public key alone,
 * {@linkplain #combine combines} {@code threshold} partial decryptions of the same ciphertext into the sum. Obtained
 * from {@link HomomorphicSchemeProvider#newThresholdDecryption}; a threshold key never yields a
 * {@link HomomorphicDecryption}. The secure-aggregation rules (only aggregates, once per round) are the share
 * holders' to enforce before they partially decrypt. Thread-safe.
 */
public interface ThresholdDecryption {

  /** Share holders needed to decrypt. */
  int threshold();

  /** Share holders there are. */
  int shareholders();

  /** This instance's share index in [1, {@link #shareholders()}], or 0 if it holds no share. */
  int shareIndex();

  /**
   * This share holder's partial decryption of {@code c}, bound to the ciphertext and the share index.
   *
   * @throws GeneralSecurityException if this instance holds no share or the ciphertext is foreign
   */
  byte[] partialDecrypt(HeCiphertext c) throws GeneralSecurityException;

  /**
   * The decrypted sum, from partial decryptions of {@code c} by at least {@link #threshold()} distinct holders.
   *
   * @throws GeneralSecurityException if there are too few distinct partial decryptions, one is malformed, of
   *     another key or of another ciphertext, or the combined plaintext fails the scheme's consistency checks (a
   *     share holder sent a wrong partial decryption)
   */
  double[] combine(HeCiphertext c, List<byte[]> partialDecryptions) throws GeneralSecurityException;
}
