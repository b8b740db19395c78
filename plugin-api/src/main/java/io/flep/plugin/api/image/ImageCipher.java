package io.flep.plugin.api.image;

import java.security.GeneralSecurityException;

/**
 * Encrypts images in the image domain: the ciphertext is itself an 8-bit image with the plaintext's channel
 * count (and its size, or the size rounded up to the scheme's block size, which the scheme documents), plus a
 * small header (format version, original size, nonce, tag) that travels with it; the host's PNG container stores
 * both as one PNG. Obtained from {@link ImageCipherProvider#newImageCipher}. What an implementation guarantees is
 * stated by its plugin's descriptor — whether it authenticates ({@code authenticated}), whether decryption is exact
 * ({@code exact-decryption}), whether it protects data at all ({@code not-secure}) — and in its Javadoc.
 * Implementations must be thread-safe.
 */
public interface ImageCipher {

  /**
   * Encrypts {@code plain}, binding {@code associatedData} (e.g. which item of which run this is): an
   * authenticating scheme covers it with its tag; a scheme without a tag at least refuses to decrypt with other
   * associated data where it can tell. A nonce-based scheme draws a fresh nonce for every call.
   */
  EncryptedImage encrypt(RasterImage plain, byte[] associatedData) throws GeneralSecurityException;

  /**
   * Decrypts; a scheme with an authentication tag checks it (over the header, the cipher image and
   * {@code associatedData}) before any decryption work and throws on a mismatch rather than return an image.
   */
  RasterImage decrypt(EncryptedImage encrypted, byte[] associatedData) throws GeneralSecurityException;

  /** {@link #encrypt(RasterImage, byte[])} with no associated data. */
  default EncryptedImage encrypt(RasterImage plain) throws GeneralSecurityException {
    return encrypt(plain, new byte[0]);
  }

  /** {@link #decrypt(EncryptedImage, byte[])} with no associated data. */
  default RasterImage decrypt(EncryptedImage encrypted) throws GeneralSecurityException {
    return decrypt(encrypted, new byte[0]);
  }

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
