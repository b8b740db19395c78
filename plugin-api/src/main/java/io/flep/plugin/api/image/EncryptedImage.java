package io.flep.plugin.api.image;

import java.util.Objects;

/**
 * What an {@link ImageCipher} produces: the cipher image (8-bit, same size and channels as the plaintext) and
 * an opaque, scheme-defined header (format version, nonce, tag; may be empty). The header is not secret.
 */
public final class EncryptedImage {
  private final RasterImage cipherImage;
  private final byte[] header;

  public EncryptedImage(RasterImage cipherImage, byte[] header) {
    this.cipherImage = Objects.requireNonNull(cipherImage, "cipherImage");
    this.header = Objects.requireNonNull(header, "header").clone();
  }

  public RasterImage cipherImage() {
    return cipherImage;
  }

  public byte[] header() {
    return header.clone();
  }

  @Override
  public String toString() {
    return "EncryptedImage[" + cipherImage + ", header " + header.length + " bytes]";
  }
}
