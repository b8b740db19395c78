package io.flep.plugin.api.denoise;

/**
 * Removes additive white Gaussian noise from one image plane. Planes are row-major {@code float} samples on
 * the 8-bit scale (nominally 0–255, possibly outside after noise). Implementations must be thread-safe.
 */
public interface Denoiser {

  /**
   * Returns a new plane of the same size; {@code sigma} is the noise standard deviation on the same scale.
   *
   * @throws IllegalArgumentException if the sizes do not match or sigma is negative or not finite
   */
  float[] denoise(float[] plane, int width, int height, double sigma);
}
