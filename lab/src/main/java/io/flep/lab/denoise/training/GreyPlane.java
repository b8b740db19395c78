package io.flep.lab.denoise.training;

import io.flep.plugin.api.image.RasterImage;
import java.util.Objects;

/**
 * A named 8-bit grey image as row-major samples 0..255. Immutable: {@link #pixels()} hands out the array
 * the instance was built with, which callers must not modify.
 */
public record GreyPlane(String name, int width, int height, byte[] pixels) {

  public GreyPlane {
    Objects.requireNonNull(name, "name");
    if (width <= 0 || height <= 0 || pixels.length != width * height) {
      throw new IllegalArgumentException(name + ": " + pixels.length + " samples for " + width + "x" + height);
    }
  }

  /** Sample (x, y), 0..255. */
  public int at(int x, int y) {
    return pixels[y * width + x] & 0xff;
  }

  /** The samples as floats 0..255. */
  public float[] toFloats() {
    float[] f = new float[pixels.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = pixels[i] & 0xff;
    }
    return f;
  }

  /** The centred {@code side}x{@code side} crop (the whole image when it is not larger). */
  public GreyPlane centreCrop(int side) {
    int w = Math.min(side, width);
    int h = Math.min(side, height);
    if (w == width && h == height) {
      return this;
    }
    int x0 = (width - w) / 2;
    int y0 = (height - h) / 2;
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(pixels, (y0 + y) * width + x0, out, y * w, w);
    }
    return new GreyPlane(name, w, h, out);
  }

  /**
   * Area downsampling by an integer factor: each output sample is the rounded mean of a
   * {@code factor x factor} block (edge rows and columns that do not fill a block are dropped). Factor 1 is
   * the image itself.
   *
   * @throws IllegalArgumentException if {@code factor < 1} or the result would be empty
   */
  public GreyPlane downsample(int factor) {
    if (factor < 1) {
      throw new IllegalArgumentException("downsampling factor must be >= 1, got " + factor);
    }
    if (factor == 1) {
      return this;
    }
    int w = width / factor;
    int h = height / factor;
    if (w == 0 || h == 0) {
      throw new IllegalArgumentException(name + ": " + width + "x" + height + " is too small to downsample by "
          + factor);
    }
    byte[] out = new byte[w * h];
    int area = factor * factor;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int sum = 0;
        for (int dy = 0; dy < factor; dy++) {
          for (int dx = 0; dx < factor; dx++) {
            sum += at(x * factor + dx, y * factor + dy);
          }
        }
        out[y * w + x] = (byte) ((sum + area / 2) / area);
      }
    }
    return new GreyPlane(name, w, h, out);
  }

  /** As a grey {@link RasterImage}. */
  public RasterImage toRaster() {
    return RasterImage.gray(width, height, pixels);
  }

  /** Rounds and clamps float samples to 0..255. */
  public static GreyPlane ofFloats(String name, int width, int height, float[] samples) {
    byte[] b = new byte[samples.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Math.max(0, Math.min(255, Math.round(samples[i])));
    }
    return new GreyPlane(name, width, height, b);
  }
}
