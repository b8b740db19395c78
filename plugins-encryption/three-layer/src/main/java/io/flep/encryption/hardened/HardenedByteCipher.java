package io.flep.encryption.hardened;

import io.flep.encryption.png.EncryptedImageCodec;
import io.flep.encryption.png.ImageCodec;
import io.flep.plugin.api.cipher.DataCipher;
import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.RasterImage;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * The byte form of {@code flep-3layer-hardened}, for the lifecycle's encrypt stage: plaintext is an 8-bit grey or
 * RGB PNG file, ciphertext is the cipher PNG of {@link EncryptedImageCodec#toPng} (cipher image as pixels, header
 * in a {@code tEXt} chunk). Associated data is bound into the tag. Decryption returns a PNG with exactly the
 * plaintext's pixels (re-encoded, so not necessarily the same file bytes; metadata is not carried). Guarantees
 * are those of {@link HardenedImageCipher}. Thread-safe.
 */
final class HardenedByteCipher implements DataCipher {
  private static final byte[] EMPTY = new byte[0];
  private final HardenedImageCipher images;

  HardenedByteCipher(HardenedImageCipher images) {
    this.images = images;
  }

  /** @throws IllegalArgumentException if {@code plaintext} is not an 8-bit grey/RGB PNG (the message says why) */
  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    RasterImage plain;
    try {
      plain = ImageCodec.readPng(plaintext, "plaintext");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          HardenedProvider.ID + " encrypts 8-bit greyscale or RGB PNG images: " + e.getMessage(), e);
    }
    EncryptedImage sealed = images.seal(plain, images.freshNonce(), orEmpty(associatedData));
    return EncryptedImageCodec.toPng(sealed);
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    EncryptedImage encrypted = EncryptedImageCodec.fromPng(ciphertext, "ciphertext");
    return ImageCodec.toPng(images.open(encrypted, orEmpty(associatedData)));
  }

  private static byte[] orEmpty(byte[] b) {
    return b == null ? EMPTY : b;
  }

  @Override
  public String toString() {
    return "HardenedByteCipher[" + images + "]";
  }
}
