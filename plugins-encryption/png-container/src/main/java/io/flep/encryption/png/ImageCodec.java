package io.flep.encryption.png;

import io.flep.plugin.api.image.RasterImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Reads 8-bit greyscale or RGB images (PNG, or any format ImageIO reads) into {@link RasterImage}s and writes
 * them as PNG. Every read error starts with the source name and says what is wrong: empty, not an image,
 * truncated, 16-bit samples, alpha channel or an unsupported colour type.
 */
public final class ImageCodec {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private ImageCodec() {}

  /** Like {@link #readImage} but insists on the PNG signature first. */
  public static RasterImage readPng(byte[] bytes, String sourceName) throws IOException {
    checkPngSignature(bytes, sourceName);
    return readImage(bytes, sourceName);
  }

  /** Throws naming {@code sourceName} unless the bytes are non-empty and start with the PNG signature. */
  static void checkPngSignature(byte[] bytes, String sourceName) throws IOException {
    checkNotEmpty(bytes, sourceName);
    if (bytes.length < PNG_SIGNATURE.length
        || !Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
      throw new IOException(sourceName + ": not a PNG file (no PNG signature)");
    }
  }

  /**
   * Decodes an image with ImageIO.
   *
   * @throws IOException naming {@code sourceName} if the bytes are empty, unreadable, truncated, or not 8-bit
   *     greyscale/RGB without alpha
   */
  public static RasterImage readImage(byte[] bytes, String sourceName) throws IOException {
    checkNotEmpty(bytes, sourceName);
    return toRaster(decode(bytes, sourceName), sourceName);
  }

  /**
   * Like {@link #readImage} but accepts an alpha channel by compositing the image over white (an RGB
   * result). For uses that only look at the picture, such as training data; a cipher input keeps
   * {@link #readImage}, which refuses alpha rather than silently dropping it.
   */
  public static RasterImage readImageOverWhite(byte[] bytes, String sourceName) throws IOException {
    checkNotEmpty(bytes, sourceName);
    BufferedImage image = decode(bytes, sourceName);
    if (image.getColorModel().hasAlpha()) {
      BufferedImage opaque = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = opaque.createGraphics();
      try {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
      } finally {
        g.dispose();
      }
      image = opaque;
    }
    return toRaster(image, sourceName);
  }

  private static BufferedImage decode(byte[] bytes, String sourceName) throws IOException {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new IOException(sourceName + ": truncated or corrupt image (" + e.getMessage() + ")", e);
    }
    if (image == null) {
      throw new IOException(sourceName + ": not a readable image (" + bytes.length + " bytes, no ImageIO reader)");
    }
    return image;
  }

  private static void checkNotEmpty(byte[] bytes, String sourceName) throws IOException {
    if (bytes == null || bytes.length == 0) {
      throw new IOException(sourceName + ": empty file (0 bytes)");
    }
  }

  /** Converts a decoded image; package-private for {@link EncryptedImageCodec}. */
  static RasterImage toRaster(BufferedImage image, String sourceName) throws IOException {
    ColorModel cm = image.getColorModel();
    for (int size : cm.getComponentSize()) {
      if (size > 8) {
        throw new IOException(sourceName + ": uses " + size + "-bit samples; only 8-bit greyscale or RGB is supported");
      }
    }
    if (cm.hasAlpha()) {
      throw new IOException(sourceName + ": has an alpha channel; only greyscale or RGB is supported");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    return switch (cm.getNumColorComponents()) {
      case 1 -> RasterImage.gray(w, h, graySamples(image));
      case 3 -> RasterImage.rgb(w, h, rgbSamples(image));
      default -> throw new IOException(
          sourceName + ": unsupported colour type with " + cm.getNumColorComponents() + " components");
    };
  }

  private static byte[] graySamples(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] out = new byte[w * h];
    Raster raster = image.getRaster();
    int bits = image.getColorModel().getComponentSize(0);
    int max = (1 << bits) - 1;
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      raster.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        out[y * w + x] = (byte) (bits == 8 ? row[x] : row[x] * 255 / max);
      }
    }
    return out;
  }

  private static byte[] rgbSamples(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] out = new byte[w * h * 3];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int i = (y * w + x) * 3;
        out[i] = (byte) (row[x] >> 16);
        out[i + 1] = (byte) (row[x] >> 8);
        out[i + 2] = (byte) row[x];
      }
    }
    return out;
  }

  /** Encodes as an 8-bit greyscale or RGB PNG. */
  public static byte[] toPng(RasterImage image) {
    BufferedImage out = toBufferedImage(image);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(out, "png", bytes)) {
        throw new IllegalStateException("no PNG writer available in this JDK");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode PNG: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  /** An 8-bit grey or RGB {@link BufferedImage} with the samples; package-private for {@link EncryptedImageCodec}. */
  static BufferedImage toBufferedImage(RasterImage image) {
    int w = image.width();
    int h = image.height();
    byte[] samples = image.samples();
    BufferedImage out;
    if (image.channels() == 1) {
      out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      out.getRaster().setDataElements(0, 0, w, h, samples);
    } else {
      out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      int[] rgb = new int[w * h];
      for (int i = 0; i < rgb.length; i++) {
        rgb[i] = (samples[3 * i] & 0xff) << 16 | (samples[3 * i + 1] & 0xff) << 8 | (samples[3 * i + 2] & 0xff);
      }
      out.setRGB(0, 0, w, h, rgb, 0, w);
    }
    return out;
  }
}
