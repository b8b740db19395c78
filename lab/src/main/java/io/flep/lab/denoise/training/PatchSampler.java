package io.flep.lab.denoise.training;

import java.util.List;
import java.util.Random;

/**
 * Random training patches: picks an image uniformly, a patch position uniformly, one of the 8 flips/90°
 * rotations ({@link #transform}), and adds white Gaussian noise of standard deviation {@code sigma} on the
 * 0..255 scale. The noisy input is {@code clean + noise}, unclipped (as the FLEP noise layer hands it to a
 * denoiser); the clean target and the noise itself are kept so the trainer can fit the residual.
 *
 * <p>Deterministic: every draw comes from the {@link Random} the caller passes. The trainer uses
 * {@link #stepRandom(long, long)}, one stream per step derived from (seed, step), so the whole random state of a
 * run is its seed and step counter and a resumed run draws exactly the patches an uninterrupted run would.
 */
public final class PatchSampler {

  /** The default patch side (Zhang et al. use 40x40 for σ-specific DnCNN-S). */
  public static final int DEFAULT_PATCH = 40;

  /** One minibatch: {@code count} patches of {@code side}², row-major, patch after patch. */
  public record Batch(int count, int side, float[] clean, float[] noise) {

    /** clean + noise, the network's input on the 0..255 scale. */
    public float[] noisy() {
      float[] n = new float[clean.length];
      for (int i = 0; i < n.length; i++) {
        n[i] = clean[i] + noise[i];
      }
      return n;
    }
  }

  private final List<GreyPlane> images;
  private final int side;
  private final double sigma;

  /**
   * @throws IllegalArgumentException if no image is at least {@code side}x{@code side}, or sigma is negative
   */
  public PatchSampler(List<GreyPlane> images, int side, double sigma) {
    if (side < 1) {
      throw new IllegalArgumentException("patch side must be positive, got " + side);
    }
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma must be a finite number >= 0, got " + sigma);
    }
    this.images = images.stream().filter(p -> p.width() >= side && p.height() >= side).toList();
    if (this.images.isEmpty()) {
      throw new IllegalArgumentException("no training image is at least " + side + "x" + side + " pixels");
    }
    this.side = side;
    this.sigma = sigma;
  }

  /** The images patches are drawn from (those large enough). */
  public List<GreyPlane> images() {
    return images;
  }

  public int side() {
    return side;
  }

  public double sigma() {
    return sigma;
  }

  /** Draws {@code count} noisy patches. */
  public Batch sample(int count, Random random) {
    int n = side * side;
    float[] clean = new float[count * n];
    float[] noise = new float[count * n];
    float[] patch = new float[n];
    for (int k = 0; k < count; k++) {
      GreyPlane img = images.get(random.nextInt(images.size()));
      int x0 = random.nextInt(img.width() - side + 1);
      int y0 = random.nextInt(img.height() - side + 1);
      int t = random.nextInt(8);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          patch[y * side + x] = img.at(x0 + x, y0 + y);
        }
      }
      System.arraycopy(transform(patch, side, t), 0, clean, k * n, n);
      for (int i = 0; i < n; i++) {
        noise[k * n + i] = (float) (random.nextGaussian() * sigma);
      }
    }
    return new Batch(count, side, clean, noise);
  }

  /**
   * One of the 8 symmetries of the square applied to a row-major {@code side}² patch: bit 0 mirrors left-right
   * first, then {@code t >> 1} quarter turns counter-clockwise (one turn: {@code out[row y][column x] =
   * in[row x][column side-1-y]}). {@code t = 0} is the identity.
   */
  public static float[] transform(float[] in, int side, int t) {
    if (t < 0 || t > 7) {
      throw new IllegalArgumentException("transform must be 0..7, got " + t);
    }
    float[] cur = in.clone();
    if ((t & 1) != 0) {
      float[] m = new float[cur.length];
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          m[y * side + x] = cur[y * side + side - 1 - x];
        }
      }
      cur = m;
    }
    for (int r = 0; r < t >> 1; r++) {
      float[] rot = new float[cur.length];
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          rot[y * side + x] = cur[x * side + side - 1 - y];
        }
      }
      cur = rot;
    }
    return cur;
  }

  /** The random stream of training step {@code step} of a run seeded with {@code seed}. */
  public static Random stepRandom(long seed, long step) {
    long z = seed * 0x9E3779B97F4A7C15L + step;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new Random(z ^ (z >>> 31));
  }
}
