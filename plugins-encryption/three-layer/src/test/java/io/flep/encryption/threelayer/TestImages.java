package io.flep.encryption.threelayer;

import io.flep.encryption.png.ImageCodec;
import io.flep.encryption.testdata.SharedDatasets;
import io.flep.plugin.api.image.RasterImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Test images and metrics shared by the three-layer tests. */
final class TestImages {

  private TestImages() {}

  /** A smooth synthetic image with some texture, deterministic. */
  static RasterImage smooth(int w, int h, int channels) {
    byte[] s = new byte[w * h * channels];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < channels; c++) {
          double v = 128 + 90 * Math.sin((x + 7 * c) / 11.0) * Math.cos(y / 17.0) + 0.2 * (x - y);
          s[(y * w + x) * channels + c] = (byte) Math.clamp(Math.round(v), 0, 255);
        }
      }
    }
    return new RasterImage(w, h, channels, s);
  }

  /** Uniformly random samples: every level 0..255 occurs, including the extremes. */
  static RasterImage random(int w, int h, int channels, long seed) {
    byte[] s = new byte[w * h * channels];
    new SplittableRandom(seed).nextBytes(s);
    return new RasterImage(w, h, channels, s);
  }

  /** An image of the standard-256 set (fails under CI, skips elsewhere, when the data set is absent). */
  static RasterImage standard(String name) throws Exception {
    Path p = SharedDatasets.require("standard-256", name);
    return ImageCodec.readImage(Files.readAllBytes(p), name);
  }

  static int maxAbsDiff(RasterImage a, RasterImage b) {
    byte[] x = a.samples();
    byte[] y = b.samples();
    int max = 0;
    for (int i = 0; i < x.length; i++) {
      max = Math.max(max, Math.abs((x[i] & 0xff) - (y[i] & 0xff)));
    }
    return max;
  }

  static double psnr(RasterImage a, RasterImage b) {
    byte[] x = a.samples();
    byte[] y = b.samples();
    double se = 0;
    for (int i = 0; i < x.length; i++) {
      int d = (x[i] & 0xff) - (y[i] & 0xff);
      se += d * d;
    }
    return se == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 * x.length / se);
  }
}
