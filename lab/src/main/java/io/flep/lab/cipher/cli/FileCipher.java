package io.flep.lab.cipher.cli;

import io.flep.encryption.png.EncryptedImageCodec;
import io.flep.encryption.png.ImageCodec;
import io.flep.plugin.api.aead.Aead;
import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.RasterImage;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.workers.failure.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * Encrypts and decrypts one file's bytes under one key, with every input check of the command line.
 *
 * <ul>
 *   <li>Image schemes: a plaintext PNG (8-bit grey or RGB) becomes a cipher PNG via {@link EncryptedImageCodec};
 *       decryption gives the decrypted image as PNG.
 *   <li>Byte schemes (e.g. {@code aes-gcm}): the plaintext PNG file's bytes are encrypted verbatim (no associated
 *       data) and decryption returns them bit for bit.
 * </ul>
 *
 * The plaintext must be a PNG this codec reads (8-bit, no alpha, no more than {@code maxPixels} pixels) for both
 * kinds, checked from the PNG header before any decoding. Every failure is a {@link BadInputException} whose
 * message starts with the file's name and states the cause. Thread-safe if the plugin's cipher is.
 */
final class FileCipher {
  /** Default pixel limit: 4096 × 4096. */
  static final long DEFAULT_MAX_PIXELS = 4096L * 4096L;

  private final String schemeId;
  private final ImageCipher imageCipher;
  private final Aead dataCipher;
  private final long maxPixels;

  private FileCipher(String schemeId, ImageCipher imageCipher, Aead dataCipher, long maxPixels) {
    this.schemeId = schemeId;
    this.imageCipher = imageCipher;
    this.dataCipher = dataCipher;
    this.maxPixels = maxPixels;
  }

  /**
   * Builds the cipher for a key already checked to belong to {@code schemeId}.
   *
   * @throws BadInputException naming the key file if the plugin rejects the key
   */
  static FileCipher create(
      String schemeId, CipherPlugin provider, boolean image, KeyMaterial key, String keyName, long maxPixels) {
    if (maxPixels <= 0) {
      throw new BadInputException("--max-pixels must be positive, got " + maxPixels);
    }
    try {
      return image
          ? new FileCipher(schemeId, provider.newImageCipher(key), null, maxPixels)
          : new FileCipher(schemeId, null, provider.newAead(key), maxPixels);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new BadInputException("key file " + keyName + ": " + schemeId + " rejects the key: " + e.getMessage(), e);
    }
  }

  boolean imageScheme() {
    return imageCipher != null;
  }

  /** Encrypts a plaintext PNG file's bytes into the bytes of the cipher file. */
  byte[] encrypt(byte[] plainPng, String name) {
    RasterImage plain = readPlainPng(plainPng, name);
    try {
      return imageCipher != null
          ? EncryptedImageCodec.toPng(imageCipher.encrypt(plain))
          : dataCipher.encrypt(plainPng, null);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw fail(name, "cannot encrypt with " + schemeId, e);
    }
  }

  /** Decrypts a cipher file's bytes into the plaintext PNG file's bytes. */
  byte[] decrypt(byte[] cipherFile, String name) {
    if (cipherFile.length == 0) {
      throw new BadInputException(name + ": empty file (0 bytes)");
    }
    if (imageCipher != null) {
      checkPixels(cipherFile, name);
      EncryptedImage encrypted;
      try {
        encrypted = EncryptedImageCodec.fromPng(cipherFile, name);
      } catch (GeneralSecurityException e) {
        throw new BadInputException(e.getMessage(), e);
      }
      checkPixels(encrypted.cipherImage(), name);
      try {
        return ImageCodec.toPng(imageCipher.decrypt(encrypted));
      } catch (GeneralSecurityException | RuntimeException e) {
        throw fail(name, "cannot decrypt with " + schemeId + " (wrong key, or a truncated or tampered cipher image)", e);
      }
    }
    byte[] plain;
    try {
      plain = dataCipher.decrypt(cipherFile, null);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw fail(name, "cannot decrypt with " + schemeId, e);
    }
    readPlainPng(plain, name + " (decrypted)");
    return plain;
  }

  private RasterImage readPlainPng(byte[] png, String name) {
    checkPixels(png, name);
    RasterImage image;
    try {
      image = ImageCodec.readPng(png, name);
    } catch (IOException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    checkPixels(image, name);
    return image;
  }

  /** Checks the size in the PNG header (bytes 16..23 of IHDR), before anything is decoded. */
  private void checkPixels(byte[] png, String name) {
    if (png.length >= 24 && png[12] == 'I' && png[13] == 'H' && png[14] == 'D' && png[15] == 'R') {
      ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
      checkPixels(Integer.toUnsignedLong(header.getInt()), Integer.toUnsignedLong(header.getInt()), name);
    }
  }

  private void checkPixels(RasterImage image, String name) {
    checkPixels(image.width(), image.height(), name);
  }

  private void checkPixels(long width, long height, String name) {
    if (width * height > maxPixels) {
      throw new BadInputException(String.format(Locale.ROOT,
          "%s: image too large, %dx%d = %d pixels exceeds --max-pixels %d", name, width, height, width * height,
          maxPixels));
    }
  }

  private static BadInputException fail(String name, String what, Exception e) {
    String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (cause.startsWith(name + ":")) {
      return new BadInputException(cause, e);
    }
    return new BadInputException(name + ": " + what + ": " + cause, e);
  }
}
