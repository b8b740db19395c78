package io.flep.plugin.api.image;

import java.security.GeneralSecurityException;

/**
 * Encrypts images in the image domain: the ciphertext is itself an 8-bit image with the plaintext's channel
 * count (and its size, or the size rounded up to the scheme's block size, which the scheme documents), plus a
 * small header (format version, original size, nonce, tag) that travels with it; {@link EncryptedImageCodec}
 * stores both as one PNG. Obtained from
 * {@link io.flep.plugin.api.cipher.DataCipherProvider#newImageCipher}; each implementation's Javadoc states
 * what it guarantees. Implementations must be thread-safe.
 */
public interface ImageCipher {

  /** Encrypts {@code plain}; a nonce-based scheme draws a fresh nonce for every call. */
  EncryptedImage encrypt(RasterImage plain) throws GeneralSecurityException;

  /**
   * Decrypts; a scheme with an authentication tag checks it before any decryption work and throws on a
   * mismatch rather than return an image.
   */
  RasterImage decrypt(EncryptedImage encrypted) throws GeneralSecurityException;

  /**
   * Encrypts with a caller-chosen nonce. Only for evaluation (a differential test must compare two
   * ciphertexts under the same key and nonce): reusing a nonce in production destroys the scheme's security,
   * hence the explicit access token. Schemes without a nonce ignore it.
   *
   * @throws UnsupportedOperationException if the scheme has a nonce but no evaluation hook
   */
  default EncryptedImage encryptWithNonce(RasterImage plain, byte[] nonce, InsecureNonceAccess access)
      throws GeneralSecurityException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no fixed-nonce evaluation hook");
  }
}
