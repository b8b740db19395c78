package io.flep.encryption.threelayer.layers;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The paper's layer 3: additive white Gaussian noise N(mean, σ²), one independent draw per sample, from the
 * given generator ({@code SecureRandom}, or a seeded generator for reproducible tests). Generators that do not
 * override {@link RandomGenerator#nextGaussian()} (e.g. {@code SplittableRandom}, {@code L64X256MixRandom})
 * use the JDK's fast ziggurat sampler; {@code java.util.Random}/{@code SecureRandom} use the slower polar method.
 *
 * <p>Guarantees: the distribution only. The noise is neither secret key material nor a security layer (it is
 * removed by any denoiser); it randomises the ciphertext. Immutable and thread-safe if the generator is.
 */
public final class GaussianNoise {
  public static final double MAX_SIGMA = 255;

  private final double mean;
  private final double sigma;

  /** @throws IllegalArgumentException if mean is not finite or |mean| &gt; 255, or σ outside [0, 255] */
  public GaussianNoise(double mean, double sigma) {
    if (!Double.isFinite(mean) || Math.abs(mean) > 255) {
      throw new IllegalArgumentException("noise mean must be a finite number in [-255, 255], got " + mean);
    }
    if (!(sigma >= 0 && sigma <= MAX_SIGMA)) {
      throw new IllegalArgumentException("noise sigma must be in [0, " + MAX_SIGMA + "], got " + sigma);
    }
    this.mean = mean;
    this.sigma = sigma;
  }

  public double mean() {
    return mean;
  }

  public double sigma() {
    return sigma;
  }

  /** Adds noise to every sample of {@code plane} in place. */
  public void addTo(double[] plane, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    for (int i = 0; i < plane.length; i++) {
      plane[i] += mean + sigma * random.nextGaussian();
    }
  }

  @Override
  public String toString() {
    return "GaussianNoise[mean " + mean + ", sigma " + sigma + "]";
  }
}
