package io.flep.plugin.api.image;

import java.util.Objects;

/**
 * An 8-bit raster image: {@code channels} = 1 (greyscale) or 3 (RGB), samples interleaved row by row
 * ({@code (y * width + x) * channels + c}). Immutable: samples are copied on construction and on read.
 */
public final class RasterImage {
  private final int width;
  private final int height;
  private final int channels;
  private final byte[] samples;

  /**
   * @throws IllegalArgumentException if dimensions are not positive, channels is not 1 or 3, or the sample
   *     count does not equal {@code width * height * channels}
   */
  public RasterImage(int width, int height, int channels, byte[] samples) {
    Objects.requireNonNull(samples, "samples");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
    }
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
    }
    long expected = (long) width * height * channels;
    if (samples.length != expected) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + "x" + channels + " image needs " + expected + " samples, got " + samples.length);
    }
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.samples = samples.clone();
  }

  /** A greyscale image. */
  public static RasterImage gray(int width, int height, byte[] samples) {
    return new RasterImage(width, height, 1, samples);
  }

  /** An RGB image, samples interleaved R, G, B. */
  public static RasterImage rgb(int width, int height, byte[] samples) {
    return new RasterImage(width, height, 3, samples);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int channels() {
    return channels;
  }

  /** Sample value 0..255 of channel {@code c} at ({@code x}, {@code y}). */
  public int sample(int x, int y, int c) {
    Objects.checkIndex(x, width);
    Objects.checkIndex(y, height);
    Objects.checkIndex(c, channels);
    return samples[(y * width + x) * channels + c] & 0xff;
  }

  /** A copy of all samples, interleaved. */
  public byte[] samples() {
    return samples.clone();
  }

  @Override
  public String toString() {
    return "RasterImage[" + width + "x" + height + (channels == 1 ? " grey" : " RGB") + "]";
  }
}
