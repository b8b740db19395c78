package io.flep.plugin.api.he;

import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decryption of a key shared among several parties so that no single party can decrypt: any {@link #threshold()}
 * share holders decrypt together, fewer learn nothing. A share holder's instance (from its share key)
 * {@linkplain #partialDecrypt partially decrypts} a ciphertext; any instance, even one from the public key alone,
 * {@linkplain #combine combines} partial decryptions of the same ciphertext into the sum. Obtained from
 * {@link HomomorphicSchemeProvider#newThresholdDecryption}; a threshold key never yields a
 * {@link HomomorphicDecryption}. The secure-aggregation rules (only aggregates, once per round) are the share
 * holders' to enforce before they partially decrypt. Thread-safe.
 *
 * <p>Guarantees every implementation must keep (robustness): each partial decryption carries a proof, checkable
 * against its holder's public verification key in the key's public part, that it was computed correctly with that
 * holder's share; {@link #combine} checks every partial decryption it is given, never uses one that fails, names each
 * holder whose partial decryption it excluded and why, and decrypts from any {@code threshold} valid ones. A share
 * holder can therefore neither shift nor garble the sum; the most it can do is withhold its partial decryption or send
 * a wrong one, and be named. What the bytes cannot show is who sent them: the caller attributes each partial
 * decryption to a holder from its own authentication of the sender (a signature), and a partial decryption that
 * claims another holder's index is excluded as that sender's.
 */
public interface ThresholdDecryption {

  /** Share holders needed to decrypt. */
  int threshold();

  /** Share holders there are. */
  int shareholders();

  /** This instance's share index in [1, {@link #shareholders()}], or 0 if it holds no share. */
  int shareIndex();

  /**
   * This share holder's partial decryption of {@code c}, with its proof of correctness, bound to the key, the
   * ciphertext and the share index.
   *
   * @throws GeneralSecurityException if this instance holds no share or the ciphertext is foreign
   */
  byte[] partialDecrypt(HeCiphertext c) throws GeneralSecurityException;

  /**
   * Verifies every partial decryption of {@code c} and decrypts the sum from {@link #threshold()} valid ones.
   *
   * @param partialDecryptions each holder's partial decryption keyed by its share index as the caller attributes it
   *     (from the authenticated sender, never from the bytes); a holder that sent nothing is simply absent
   * @return the sum, the holders whose partial decryptions were combined, and every holder excluded with the reason
   * @throws CombinationRefusedException if fewer than {@link #threshold()} partial decryptions are valid; it names
   *     the excluded holders and why
   * @throws GeneralSecurityException if {@code c} is foreign, or the sum decrypted from valid partial decryptions fails
   *     the scheme's consistency checks (then the ciphertext itself is inconsistent, e.g. an overflow)
   * @throws IllegalArgumentException if a key of the map is outside [1, {@link #shareholders()}]
   */
  Combination combine(HeCiphertext c, Map<Integer, byte[]> partialDecryptions) throws GeneralSecurityException;

  /**
   * A decrypted sum and how it was obtained.
   *
   * @param sum      the decrypted sum (divide by {@link HeCiphertext#contributors()} for the mean)
   * @param combined the share indexes whose partial decryptions were combined, ascending, {@link #threshold()} of them
   * @param excluded each share index whose partial decryption was invalid, with the reason, ascending; valid partial
   *     decryptions beyond the threshold are neither combined nor excluded
   */
  record Combination(double[] sum, List<Integer> combined, SortedMap<Integer, String> excluded) {
    public Combination {
      Objects.requireNonNull(sum, "sum");
      combined = List.copyOf(combined);
      excluded = Collections.unmodifiableSortedMap(new TreeMap<>(excluded));
    }
  }
}
