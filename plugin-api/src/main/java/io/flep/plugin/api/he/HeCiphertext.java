package io.flep.plugin.api.he;

/**
 * An encrypted vector (or sum of vectors) produced by a {@link HomomorphicEncryption}. Immutable. Header fields
 * (length, contributors, fingerprint) are public metadata; they are not authenticated, as additively homomorphic
 * ciphertexts are malleable by design.
 */
public interface HeCiphertext {

  /** Self-describing serialisation, readable by {@link HomomorphicEncryption#parse} of the same key. */
  byte[] toBytes();

  /** Number of values in the encrypted vector. */
  int length();

  /** How many fresh encryptions were summed into this ciphertext, scalar weights counted. */
  int contributors();

  /** Fingerprint of the public key it was encrypted under. */
  String keyFingerprint();
}
