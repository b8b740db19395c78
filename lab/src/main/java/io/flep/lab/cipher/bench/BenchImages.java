package io.flep.lab.cipher.bench;

import io.flep.plugin.api.image.RasterImage;
import java.util.SplittableRandom;

/** Deterministic test images for benchmarks, so runs on different machines encrypt the same pixels. */
public final class BenchImages {
  private BenchImages() {}

  /**
   * A {@code size}×{@code size} 8-bit grey image with smooth gradients, edges and some texture (a plain-image-like
   * histogram, not random noise), the same for every call with the same size.
   */
  public static RasterImage grey(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("size must be positive, got " + size);
    }
    SplittableRandom random = new SplittableRandom(20_260_311L);
    byte[] samples = new byte[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double v = 128 + 70 * Math.sin(x * 6.0 / size) * Math.cos(y * 4.0 / size) + (x + y < size ? 30 : -30)
            + random.nextInt(-8, 9);
        samples[y * size + x] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
      }
    }
    return RasterImage.gray(size, size, samples);
  }
}
