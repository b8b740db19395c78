package io.flep.plugin.api.aead;

import java.security.GeneralSecurityException;

/**
 * Authenticated symmetric encryption under one key. Each implementation documents its guarantees in its Javadoc
 * and in {@link io.flep.plugin.api.FlepPlugin#securityNote()}; FLEP expects at least: confidentiality of the
 * plaintext, integrity of ciphertext and associated data (decryption fails rather than returning altered data),
 * and a self-describing, versioned ciphertext. Instances must be thread-safe.
 */
public interface Aead {

  /**
   * Encrypts {@code plaintext}, binding {@code associatedData} (authenticated, not encrypted; {@code null} means
   * empty). Encrypting the same input twice gives different ciphertexts.
   */
  byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException;

  /**
   * Decrypts and verifies.
   *
   * @throws GeneralSecurityException (typically {@link javax.crypto.AEADBadTagException}) if the key or the
   *     associated data is wrong, or the ciphertext was truncated, tampered with or has an unknown version
   */
  byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException;
}
