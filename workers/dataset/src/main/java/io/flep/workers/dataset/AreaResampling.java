package io.flep.workers.dataset;

/** Area-averaging resampling of grey images, as the digit model's input and {@link LabeledImage#resampled} use it. */
public final class AreaResampling {

  private AreaResampling() {
  }

  /**
   * Area-averaging resample of {@code image} to {@code w x h}, written as values in [0, 1].
   * Each target pixel is the overlap-weighted mean of the source pixels under its footprint.
   */
  public static void resampleUnit(LabeledImage image, int w, int h, float[] out, int offset) {
    double[][] wx = weights(image.width(), w);
    double[][] wy = weights(image.height(), h);
    int[] x0 = firstIndex(image.width(), w);
    int[] y0 = firstIndex(image.height(), h);
    for (int ty = 0; ty < h; ty++) {
      for (int tx = 0; tx < w; tx++) {
        double sum = 0;
        for (int j = 0; j < wy[ty].length; j++) {
          int sy = y0[ty] + j;
          for (int i = 0; i < wx[tx].length; i++) {
            sum += wy[ty][j] * wx[tx][i] * image.pixel(x0[tx] + i, sy);
          }
        }
        out[offset + ty * w + tx] = (float) Math.min(1.0, Math.max(0.0, sum / 255.0));
      }
    }
  }

  private static int[] firstIndex(int src, int dst) {
    int[] first = new int[dst];
    double scale = (double) src / dst;
    for (int t = 0; t < dst; t++) {
      first[t] = Math.min(src - 1, (int) Math.floor(t * scale + 1e-9));
    }
    return first;
  }

  /** Normalised per-axis overlap weights of target cell t over source cells first[t], first[t]+1, .... */
  private static double[][] weights(int src, int dst) {
    double scale = (double) src / dst;
    double[][] w = new double[dst][];
    for (int t = 0; t < dst; t++) {
      double lo = t * scale;
      double hi = (t + 1) * scale;
      int first = Math.min(src - 1, (int) Math.floor(lo + 1e-9));
      int last = Math.min(src - 1, (int) Math.ceil(hi - 1e-9) - 1);
      last = Math.max(first, last);
      double[] cell = new double[last - first + 1];
      double total = 0;
      for (int s = first; s <= last; s++) {
        double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
        cell[s - first] = Math.max(0, overlap);
        total += cell[s - first];
      }
      for (int i = 0; i < cell.length; i++) {
        cell[i] /= total;
      }
      w[t] = cell;
    }
    return w;
  }
}
