package io.flep.lab.cipher.metrics;

import io.flep.plugin.api.image.RasterImage;
import java.util.Random;
import java.util.function.IntBinaryOperator;

/** Test helper: small synthetic images. */
final class TestImages {
  private TestImages() {}

  static RasterImage grey(int w, int h, IntBinaryOperator value) {
    byte[] s = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        s[y * w + x] = (byte) value.applyAsInt(x, y);
      }
    }
    return RasterImage.gray(w, h, s);
  }

  static RasterImage random(int w, int h, int channels, long seed) {
    byte[] s = new byte[w * h * channels];
    new Random(seed).nextBytes(s);
    return new RasterImage(w, h, channels, s);
  }

  static RasterImage complement(RasterImage image) {
    byte[] s = image.samples();
    for (int i = 0; i < s.length; i++) {
      s[i] = (byte) ~s[i];
    }
    return new RasterImage(image.width(), image.height(), image.channels(), s);
  }
}
