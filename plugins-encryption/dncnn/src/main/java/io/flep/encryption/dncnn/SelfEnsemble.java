package io.flep.encryption.dncnn;

import io.flep.plugin.api.denoise.Denoiser;
import java.util.List;
import java.util.Objects;

/**
 * Geometric self-ensemble of a {@link Denoiser} (Timofte, Rothe and Van Gool, "Seven ways to improve
 * example-based single image super resolution", CVPR 2016, §2.1): the plane is denoised in several of its eight
 * dihedral orientations (flips and 90° rotations), each result is turned back, and the results are averaged. A
 * network trained on flipped and rotated patches makes partly independent errors in each orientation, so the
 * mean is closer to the clean plane; it costs one denoising call per orientation.
 *
 * <p>Sizes of 2 (identity and the 180° rotation), 4 (identity, both flips, 180° rotation: no transpose, so
 * non-square planes keep their shape) and 8 (all, including the transposed ones) are supported; 1 is the plain
 * denoiser. Thread-safe if the wrapped denoiser is.
 */
public final class SelfEnsemble implements Denoiser {

  /** Orientation of a plane: optional transpose, then optional horizontal and vertical flip. */
  record Orientation(boolean transpose, boolean flipX, boolean flipY) {

    /** For each sample of the oriented plane (row-major), the index of its source sample in the original. */
    int[] sourceIndices(int width, int height) {
      int w = transpose ? height : width;
      int h = transpose ? width : height;
      int[] source = new int[w * h];
      for (int v = 0; v < h; v++) {
        int y0 = flipY ? h - 1 - v : v;
        for (int u = 0; u < w; u++) {
          int x0 = flipX ? w - 1 - u : u;
          source[v * w + u] = transpose ? x0 * width + y0 : y0 * width + x0;
        }
      }
      return source;
    }
  }

  private static final Orientation IDENTITY = new Orientation(false, false, false);
  private static final Orientation ROT180 = new Orientation(false, true, true);

  /** The orientations of each supported ensemble size, identity first. */
  static List<Orientation> orientations(int size) {
    return switch (size) {
      case 1 -> List.of(IDENTITY);
      case 2 -> List.of(IDENTITY, ROT180);
      case 4 -> List.of(IDENTITY, new Orientation(false, true, false), new Orientation(false, false, true), ROT180);
      case 8 -> List.of(IDENTITY, new Orientation(false, true, false), new Orientation(false, false, true), ROT180,
          new Orientation(true, false, false), new Orientation(true, true, false),
          new Orientation(true, false, true), new Orientation(true, true, true));
      default -> throw new IllegalArgumentException("ensemble size must be 1, 2, 4 or 8, got " + size);
    };
  }

  private final Denoiser denoiser;
  private final List<Orientation> orientations;

  private SelfEnsemble(Denoiser denoiser, List<Orientation> orientations) {
    this.denoiser = denoiser;
    this.orientations = orientations;
  }

  /**
   * The denoiser averaged over {@code size} orientations; size 1 returns {@code denoiser} itself.
   *
   * @throws IllegalArgumentException if size is not 1, 2, 4 or 8
   */
  public static Denoiser of(Denoiser denoiser, int size) {
    Objects.requireNonNull(denoiser, "denoiser");
    List<Orientation> list = orientations(size);
    return size == 1 ? denoiser : new SelfEnsemble(denoiser, list);
  }

  /** Number of orientations averaged (denoising calls per plane). */
  public int size() {
    return orientations.size();
  }

  @Override
  public float[] denoise(float[] plane, int width, int height, double sigma) {
    Objects.requireNonNull(plane, "plane");
    if (width < 1 || height < 1 || (long) width * height != plane.length) {
      throw new IllegalArgumentException("plane has " + plane.length + " samples, not " + width + " x " + height);
    }
    double[] sum = new double[plane.length];
    float[] oriented = new float[plane.length];
    for (Orientation o : orientations) {
      int[] source = o.sourceIndices(width, height);
      for (int i = 0; i < source.length; i++) {
        oriented[i] = plane[source[i]];
      }
      float[] result = o.transpose()
          ? denoiser.denoise(oriented, height, width, sigma)
          : denoiser.denoise(oriented, width, height, sigma);
      for (int i = 0; i < source.length; i++) {
        sum[source[i]] += result[i];
      }
    }
    float[] out = new float[plane.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (sum[i] / orientations.size());
    }
    return out;
  }
}
