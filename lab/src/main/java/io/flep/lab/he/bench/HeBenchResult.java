package io.flep.lab.he.bench;

/**
 * Measured figures of one {@link HeBench} round.
 *
 * @param keyBits           bit length of the key's modulus (0 if the scheme has none)
 * @param keygenMs          key generation
 * @param precomputeSeconds offline work done before encrypting (e.g. Paillier randomizers), off the hot path; 0
 *                          without precomputation
 * @param encryptSeconds    online encryption of all contributors' vectors after that precomputation (without it:
 *                          the cold encryption)
 * @param addSeconds        homomorphic addition of the {@code contributors} ciphertexts
 * @param decryptSeconds    one decryption of the sum
 * @param bytesPerUpdate    serialised size of one encrypted update
 * @param maxAbsError       largest |decrypted sum − plaintext sum| over all values
 * @param clippedValues     input values the scheme clipped to its range (the bench draws none out of range)
 * @param threshold         share holders needed to decrypt, 0 for an ordinary key
 * @param partialDecryptSeconds one share holder's partial decryption of the sum (NaN for an ordinary key);
 *                          {@code decryptSeconds} then covers all partial decryptions in turn plus combining
 * @param coldEncryptSeconds encryption of all contributors' vectors with nothing precomputed, on a key new to the
 *                          process: the whole cost, per-key table set-up included
 * @param firstColdEncryptMs the first of those encryptions alone (it builds the tables)
 */
public record HeBenchResult(int keyBits, double keygenMs, double precomputeSeconds, double encryptSeconds, double addSeconds,
    double decryptSeconds, int values, int contributors, int bytesPerUpdate, double maxAbsError,
    long clippedValues, int threshold, double partialDecryptSeconds, double coldEncryptSeconds,
    double firstColdEncryptMs) {

  /** Values encrypted per second with nothing precomputed, table set-up included. */
  public double encryptValuesPerSecondCold() {
    return (double) values * contributors / coldEncryptSeconds;
  }

  public double encryptValuesPerSecond() {
    return (double) values * contributors / encryptSeconds;
  }

  public double precomputeValuesPerSecond() {
    return precomputeSeconds == 0 ? Double.POSITIVE_INFINITY : (double) values * contributors / precomputeSeconds;
  }

  /** Values summed per second: each of the {@code contributors - 1} additions adds {@code values} values. */
  public double addValuesPerSecond() {
    return contributors < 2 ? Double.NaN : (double) values * (contributors - 1) / addSeconds;
  }

  public double decryptValuesPerSecond() {
    return values / decryptSeconds;
  }

  /** One share holder's partial-decryption rate; NaN for an ordinary key. */
  public double partialDecryptValuesPerSecond() {
    return values / partialDecryptSeconds;
  }

  public double ciphertextBytesPerValue() {
    return (double) bytesPerUpdate / values;
  }

  /** Encrypt + aggregate + decrypt, the online work of one round. */
  public double endToEndSeconds() {
    return encryptSeconds + addSeconds + decryptSeconds;
  }
}
