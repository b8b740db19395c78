package io.flep.plugin.api.he;

import java.security.GeneralSecurityException;
import java.util.concurrent.CompletableFuture;

/**
 * The public side of additively homomorphic encryption of real-valued vectors under one key, as used for federated
 * averaging: each party encrypts its update and an untrusted aggregator {@linkplain #add adds} ciphertexts without
 * seeing the values. Needs only the public key; decrypting is a separate capability
 * ({@link HomomorphicDecryption}, or {@link ThresholdDecryption} for a shared key) that only a key holder obtains.
 *
 * <p>Guarantees every implementation must keep: operations on ciphertexts of different keys or vector lengths,
 * or beyond {@link #maxContributors()}, fail with a clear exception instead of producing a silently wrong sum;
 * {@link #parse} rejects malformed or foreign bytes. Real values are encoded with finite precision, so decrypted
 * sums are approximate (each implementation states its error bound). Instances are thread-safe.
 *
 * <p>A key holder's decryption decrypts whatever it is given, including a single party's update. Enforcing
 * "decrypt only aggregates of at least K contributors, once per round" is the caller's job: check
 * {@link HeCiphertext#contributors()} first.
 */
public interface HomomorphicEncryption {

  /**
   * Encrypts one vector as a fresh ciphertext with {@link HeCiphertext#contributors()} = 1.
   *
   * @throws IllegalArgumentException if the vector is empty or contains NaN or infinite values
   */
  HeCiphertext encrypt(double[] values);

  /**
   * Homomorphic addition: the result decrypts to the sum of both plaintexts and has the sum of both contributor
   * counts.
   *
   * @throws IllegalArgumentException if the ciphertexts are of another scheme or key, have different lengths, or
   *     the combined contributors would exceed {@link #maxContributors()}
   */
  HeCiphertext add(HeCiphertext a, HeCiphertext b);

  /**
   * Multiplies the encrypted vector by a positive integer weight; the contributor count is multiplied too.
   *
   * @throws IllegalArgumentException if {@code scalar < 1}, the ciphertext is foreign, or the weighted count
   *     would exceed {@link #maxContributors()}
   */
  HeCiphertext multiplyByScalar(HeCiphertext c, long scalar);

  /**
   * Reads {@link HeCiphertext#toBytes()} output back.
   *
   * @throws GeneralSecurityException if the format or version is unknown, the key fingerprint differs from this
   *     scheme's, or any length or value is out of range
   */
  HeCiphertext parse(byte[] bytes) throws GeneralSecurityException;

  /** The most fresh encryptions (counting scalar weights) one ciphertext may sum without overflowing. */
  int maxContributors();

  /** Bit length of the key's modulus (the usual measure of its size), or 0 if the scheme has none. */
  default int keyBits() {
    return 0;
  }

  /** Fingerprint of this scheme's public key, as carried by its ciphertexts. */
  String keyFingerprint();

  /**
   * Starts precomputing, in the background, whatever makes encrypting about {@code values} more values faster
   * (for Paillier: the randomizers r<sup>n</sup>), and returns at once. Call it while the caller has time to
   * spare, e.g. while a model trains. Schemes with nothing to precompute return a completed future.
   *
   * @return completes when the precomputation is done
   * @throws IllegalArgumentException if {@code values} is negative
   */
  default CompletableFuture<Void> prepareEncryptions(int values) {
    if (values < 0) {
      throw new IllegalArgumentException("values must be non-negative, got " + values);
    }
    return CompletableFuture.completedFuture(null);
  }

  /**
   * How many input values {@link #encrypt} has clipped to the representable range on this instance so far.
   * Schemes that never clip return 0.
   */
  default long clippedValueCount() {
    return 0;
  }
}
