package io.flep.encryption.threelayer;

import io.flep.encryption.png.EncryptedImageCodec;
import io.flep.encryption.png.ImageCodec;
import io.flep.plugin.api.cipher.DataCipher;
import io.flep.plugin.api.image.RasterImage;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * {@code flep-3layer} as a byte {@link DataCipher} for the lifecycle: plaintext = an 8-bit grey/RGB PNG,
 * ciphertext = the cipher image as PNG with the header in its {@code flep-cipher-header} text chunk
 * ({@link EncryptedImageCodec}); decryption returns a PNG. Associated data only enters the header's key check:
 * a mismatch is reported, but nothing here is authenticated (see {@link ThreeLayerProvider}). Unlike the
 * {@link DataCipher} contract asks, encryption is deterministic when the noise layer is off (the faithful
 * scheme has no nonce). Thread-safe.
 */
final class ThreeLayerByteCipher implements DataCipher {
  private static final byte[] NO_AD = new byte[0];
  private final ThreeLayerImageCipher images;

  ThreeLayerByteCipher(ThreeLayerImageCipher images) {
    this.images = images;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    Objects.requireNonNull(plaintext, "plaintext");
    RasterImage image;
    try {
      image = ImageCodec.readPng(plaintext, "flep-3layer plaintext");
    } catch (IOException e) {
      throw new GeneralSecurityException("flep-3layer encrypts 8-bit grey or RGB PNG images only: " + e.getMessage(), e);
    }
    return EncryptedImageCodec.toPng(images.encrypt(image, orEmpty(associatedData)));
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    return ImageCodec.toPng(images.decrypt(EncryptedImageCodec.fromPng(ciphertext, "flep-3layer ciphertext"),
        orEmpty(associatedData), true));
  }

  private static byte[] orEmpty(byte[] b) {
    return b == null ? NO_AD : b;
  }

  @Override
  public String toString() {
    return "ThreeLayerByteCipher[" + images + "]";
  }
}
