package io.flep.encryption.png;

import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.RasterImage;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * An image cipher as a cipher of files: plaintext = an 8-bit greyscale or RGB PNG, ciphertext = the cipher image as
 * a PNG with the scheme's header in its {@code tEXt} chunk ({@link EncryptedImageCodec}); decryption gives a PNG
 * back. The associated data goes to the image cipher, which binds it as far as the scheme can (an authenticating
 * scheme covers it with its tag). This adds no guarantee of its own: what the image cipher's plugin states holds.
 * Thread-safe if the image cipher is.
 */
public final class ImageCipherBytes {
  private static final byte[] NO_AD = new byte[0];
  private final String scheme;
  private final ImageCipher images;

  /** @param scheme the image cipher's plugin id, named in errors */
  public ImageCipherBytes(String scheme, ImageCipher images) {
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.images = Objects.requireNonNull(images, "images");
  }

  /** @throws IllegalArgumentException if {@code png} is not an 8-bit grey/RGB PNG (the message says why) */
  public byte[] encrypt(byte[] png, byte[] associatedData) throws GeneralSecurityException {
    Objects.requireNonNull(png, "png");
    RasterImage plain;
    try {
      plain = ImageCodec.readPng(png, "plaintext");
    } catch (IOException e) {
      throw new IllegalArgumentException(scheme + " encrypts 8-bit greyscale or RGB PNG images: " + e.getMessage(), e);
    }
    return EncryptedImageCodec.toPng(images.encrypt(plain, orEmpty(associatedData)));
  }

  /**
   * @throws GeneralSecurityException if the bytes are not a cipher PNG, or the image cipher refuses them (wrong key,
   *     other associated data, tampering — as far as the scheme detects it)
   */
  public byte[] decrypt(byte[] cipherPng, byte[] associatedData) throws GeneralSecurityException {
    Objects.requireNonNull(cipherPng, "cipherPng");
    EncryptedImage encrypted = EncryptedImageCodec.fromPng(cipherPng, "ciphertext");
    return ImageCodec.toPng(images.decrypt(encrypted, orEmpty(associatedData)));
  }

  private static byte[] orEmpty(byte[] b) {
    return b == null ? NO_AD : b;
  }

  @Override
  public String toString() {
    return "ImageCipherBytes[" + scheme + ", " + images + "]";
  }
}
