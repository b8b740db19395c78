package io.flep.lab.cipher.metrics;

import io.flep.plugin.api.image.RasterImage;

/**
 * NPCR and UACI between two 8-bit images of the same shape, over all samples of all channels (Wu, Noonan,
 * Agaian 2011, eqs. 1-2): NPCR = 100·Σ[C1≠C2]/(MN), UACI = 100·Σ|C1−C2|/(255·MN). Ideal for two independent
 * random images: 99.6094 % and 33.4635 %. Also builds the one-pixel-changed plaintext of the proper differential
 * test.
 */
public final class Differential {
  private Differential() {}

  /** Number of pixels change rate in percent. */
  public static double npcr(RasterImage a, RasterImage b) {
    Samples.requireSameShape(a, b);
    byte[] x = a.samples();
    byte[] y = b.samples();
    long diff = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] != y[i]) {
        diff++;
      }
    }
    return 100.0 * diff / x.length;
  }

  /** Unified average changing intensity in percent. */
  public static double uaci(RasterImage a, RasterImage b) {
    Samples.requireSameShape(a, b);
    byte[] x = a.samples();
    byte[] y = b.samples();
    long sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
    }
    return 100.0 * sum / (255.0 * x.length);
  }

  /**
   * The plaintext of the proper differential test: {@code plain} with every channel of pixel (0,0) changed by
   * +1 mod 256 (255 becomes 0), all other samples unchanged.
   */
  public static RasterImage firstPixelPlusOne(RasterImage plain) {
    byte[] s = plain.samples();
    for (int c = 0; c < plain.channels(); c++) {
      s[c] = (byte) (s[c] + 1);
    }
    return new RasterImage(plain.width(), plain.height(), plain.channels(), s);
  }

  /**
   * The top-left {@code width}×{@code height} part of {@code image} (for comparing a cipher image that a scheme
   * padded with its plaintext); {@code image} itself when it already has that size.
   */
  public static RasterImage cropTopLeft(RasterImage image, int width, int height) {
    if (image.width() == width && image.height() == height) {
      return image;
    }
    if (width > image.width() || height > image.height()) {
      throw new IllegalArgumentException("cannot crop " + image + " to " + width + "x" + height);
    }
    int ch = image.channels();
    byte[] s = image.samples();
    byte[] out = new byte[width * height * ch];
    for (int y = 0; y < height; y++) {
      System.arraycopy(s, y * image.width() * ch, out, y * width * ch, width * ch);
    }
    return new RasterImage(width, height, ch, out);
  }
}
