package io.flep.encryption.threelayer.layers;

/**
 * Level-1 orthonormal 2-D Haar DWT (Mallat 1989) on row-major double planes of even width and height. Every
 * 2×2 block [[a, b], [c, d]] maps to LL = (a+b+c+d)/2, HL = (a−b+c−d)/2 (high-pass along x), LH = (a+b−c−d)/2
 * (high-pass along y), HH = (a−b−c+d)/2; e.g. [[1, 2], [3, 4]] → LL 5, HL −1, LH −2, HH 0.
 *
 * <p>Coefficient layout: the output plane has the same size, quadrants [LL | HL] over [LH | HH], each
 * (w/2)×(h/2) row-major. The transform is orthonormal (energy preserving, so white noise stays white with the
 * same σ) and {@link #inverse} reconstructs exactly up to double rounding (≈1e-13 on 8-bit data). Stateless;
 * allocates nothing.
 */
public final class HaarDwt2d {
  /** Subband indices, in quadrant order. */
  public static final int LL = 0;
  public static final int HL = 1;
  public static final int LH = 2;
  public static final int HH = 3;

  private HaarDwt2d() {}

  /** Transforms {@code in} into {@code out} (distinct arrays of w·h samples). */
  public static void forward(double[] in, double[] out, int width, int height) {
    check(in, out, width, height);
    int hw = width / 2;
    int hh = height / 2;
    int q = hh * width; // offset of the lower quadrants
    for (int y = 0; y < hh; y++) {
      int r0 = 2 * y * width;
      int r1 = r0 + width;
      int o = y * width;
      for (int x = 0; x < hw; x++) {
        double a = in[r0 + 2 * x];
        double b = in[r0 + 2 * x + 1];
        double c = in[r1 + 2 * x];
        double d = in[r1 + 2 * x + 1];
        double s0 = a + b;
        double s1 = c + d;
        double d0 = a - b;
        double d1 = c - d;
        out[o + x] = 0.5 * (s0 + s1);
        out[o + hw + x] = 0.5 * (d0 + d1);
        out[q + o + x] = 0.5 * (s0 - s1);
        out[q + o + hw + x] = 0.5 * (d0 - d1);
      }
    }
  }

  /** Inverse of {@link #forward}. */
  public static void inverse(double[] in, double[] out, int width, int height) {
    check(in, out, width, height);
    int hw = width / 2;
    int hh = height / 2;
    int q = hh * width;
    for (int y = 0; y < hh; y++) {
      int r0 = 2 * y * width;
      int r1 = r0 + width;
      int o = y * width;
      for (int x = 0; x < hw; x++) {
        double ll = in[o + x];
        double hl = in[o + hw + x];
        double lh = in[q + o + x];
        double hhc = in[q + o + hw + x];
        double p = ll + lh;
        double m = ll - lh;
        double u = hl + hhc;
        double v = hl - hhc;
        out[r0 + 2 * x] = 0.5 * (p + u);
        out[r0 + 2 * x + 1] = 0.5 * (p - u);
        out[r1 + 2 * x] = 0.5 * (m + v);
        out[r1 + 2 * x + 1] = 0.5 * (m - v);
      }
    }
  }

  /** The subband (LL, HL, LH, HH) of coefficient index {@code i} in the quadrant layout. */
  public static int subbandOf(int i, int width, int height) {
    int x = i % width;
    int y = i / width;
    return (y >= height / 2 ? 2 : 0) + (x >= width / 2 ? 1 : 0);
  }

  private static void check(double[] in, double[] out, int width, int height) {
    if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("Haar DWT needs even positive sizes, got " + width + "x" + height);
    }
    if (in.length != width * height || out.length != width * height) {
      throw new IllegalArgumentException("planes must hold " + width * height + " samples");
    }
    if (in == out) {
      throw new IllegalArgumentException("Haar DWT cannot work in place");
    }
  }
}
