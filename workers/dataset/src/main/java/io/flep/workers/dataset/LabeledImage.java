package io.flep.workers.dataset;

import io.flep.plugin.api.image.RasterImage;
import java.util.Arrays;
import java.util.Objects;

/**
 * One labelled 8-bit greyscale image, row-major, one byte per pixel (0 = black, 255 = white).
 *
 * <p>The pixel array is copied on construction and on {@link #pixels()}, so instances are immutable.
 * Use {@link #pixel(int, int)} for cheap read access.
 *
 * @param label  class label, 0..9 for the digits data set
 * @param pixels {@code width * height} grey values, row-major
 * @param width  width in pixels (&gt; 0)
 * @param height height in pixels (&gt; 0)
 */
public record LabeledImage(int label, byte[] pixels, int width, int height) {

  public LabeledImage {
    Objects.requireNonNull(pixels, "pixels");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
    }
    if ((long) width * height != pixels.length) {
      throw new IllegalArgumentException("pixels.length " + pixels.length + " != width*height "
          + width + "x" + height);
    }
    if (label < 0) {
      throw new IllegalArgumentException("label must be >= 0, got " + label);
    }
    pixels = pixels.clone();
  }

  /**
   * A labelled image from a plugin-API raster: greyscale samples are taken as they are, RGB is
   * converted to grey with BT.601 weights (0.299 R + 0.587 G + 0.114 B, rounded).
   */
  public static LabeledImage of(int label, RasterImage image) {
    Objects.requireNonNull(image, "image");
    byte[] samples = image.samples();
    if (image.channels() == 1) {
      return new LabeledImage(label, samples, image.width(), image.height());
    }
    int c = image.channels();
    byte[] grey = new byte[image.width() * image.height()];
    for (int i = 0; i < grey.length; i++) {
      int r = samples[i * c] & 0xFF;
      int g = samples[i * c + 1] & 0xFF;
      int b = samples[i * c + 2] & 0xFF;
      grey[i] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }
    return new LabeledImage(label, grey, image.width(), image.height());
  }

  /** The pixels as a greyscale plugin-API raster (the label is dropped). */
  public RasterImage toRaster() {
    return RasterImage.gray(width, height, pixels);
  }

  /** A copy of the pixels. */
  @Override
  public byte[] pixels() {
    return pixels.clone();
  }

  /** Grey value 0..255 at column {@code x}, row {@code y}. */
  public int pixel(int x, int y) {
    return pixels[y * width + x] & 0xFF;
  }

  /**
   * This image resampled to {@code w x h} by area averaging (each target pixel is the
   * area-weighted mean of the source pixels it covers; this is a box filter when shrinking and
   * a smooth blend of the nearest pixels when enlarging), rounded to the nearest grey level.
   * Returns {@code this} when the size already matches.
   */
  public LabeledImage resampled(int w, int h) {
    if (w == width && h == height) {
      return this;
    }
    float[] unit = new float[w * h];
    AreaResampling.resampleUnit(this, w, h, unit, 0);
    byte[] out = new byte[w * h];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Math.round(unit[i] * 255f);
    }
    return new LabeledImage(label, out, w, h);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabeledImage other
        && label == other.label && width == other.width && height == other.height
        && Arrays.equals(pixels, other.pixels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * label + width) + height) + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "LabeledImage[label=" + label + ", " + width + "x" + height + "]";
  }
}
