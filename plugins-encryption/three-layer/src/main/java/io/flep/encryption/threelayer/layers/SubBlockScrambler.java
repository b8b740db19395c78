package io.flep.encryption.threelayer.layers;

import java.util.Objects;

/**
 * The paper's layer 1, sub-block chaotic scrambling, as one precomputed pixel permutation of a w×h plane:
 * the plane is cut into s×s sub-blocks (row-major block numbering); destination block k receives source block
 * {@code blockOrder[k]} (the chaotic argsort, {@link LogisticMap#sortOrder}), whose pixels are read in
 * {@link SpiralScan spiral order} and written row-major. {@link #unscramble} is the exact inverse.
 *
 * <p>Guarantees: a bijection on pixel positions, so scrambling loses nothing (any sample type). Not
 * guaranteed: any secrecy beyond the permutation — it is the same for every plaintext, so a few chosen
 * plaintexts reveal it (Li et al. 2008). Immutable and thread-safe; the apply methods allocate nothing.
 */
public final class SubBlockScrambler {
  private final int width;
  private final int height;
  private final int side;
  private final int[] source; // dest pixel i <- source pixel source[i]

  /**
   * @param blockOrder permutation of the (w/s)·(h/s) block indices
   * @throws IllegalArgumentException if w or h is not a positive multiple of s, or blockOrder is not a
   *     permutation of the right length
   */
  public SubBlockScrambler(int width, int height, int side, int[] blockOrder) {
    Objects.requireNonNull(blockOrder, "blockOrder");
    if (side < 1 || width <= 0 || height <= 0 || width % side != 0 || height % side != 0) {
      throw new IllegalArgumentException(
          "plane " + width + "x" + height + " is not a positive multiple of the block side " + side);
    }
    int bw = width / side;
    int blocks = bw * (height / side);
    checkPermutation(blockOrder, blocks);
    int[] spiral = SpiralScan.order(side);
    this.width = width;
    this.height = height;
    this.side = side;
    this.source = new int[width * height];
    for (int k = 0; k < blocks; k++) {
      int src = blockOrder[k];
      int sx = (src % bw) * side;
      int sy = (src / bw) * side;
      int dx = (k % bw) * side;
      int dy = (k / bw) * side;
      for (int j = 0; j < side * side; j++) {
        int from = (sy + spiral[j] / side) * width + sx + spiral[j] % side;
        int to = (dy + j / side) * width + dx + j % side;
        source[to] = from;
      }
    }
  }

  /** Number of s×s blocks a w×h plane has (the length of the chaotic sequence needed). */
  public static int blockCount(int width, int height, int side) {
    return (width / side) * (height / side);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int side() {
    return side;
  }

  /** {@code out[i] = in[source(i)]}; {@code in} and {@code out} must be distinct arrays of w·h samples. */
  public void scramble(double[] in, double[] out) {
    check(in.length, out.length, in == out);
    for (int i = 0; i < source.length; i++) {
      out[i] = in[source[i]];
    }
  }

  /** Exact inverse of {@link #scramble(double[], double[])}. */
  public void unscramble(double[] in, double[] out) {
    check(in.length, out.length, in == out);
    for (int i = 0; i < source.length; i++) {
      out[source[i]] = in[i];
    }
  }

  /** Byte version of {@link #scramble(double[], double[])}. */
  public void scramble(byte[] in, byte[] out) {
    check(in.length, out.length, in == out);
    for (int i = 0; i < source.length; i++) {
      out[i] = in[source[i]];
    }
  }

  /** Byte version of {@link #unscramble(double[], double[])}. */
  public void unscramble(byte[] in, byte[] out) {
    check(in.length, out.length, in == out);
    for (int i = 0; i < source.length; i++) {
      out[source[i]] = in[i];
    }
  }

  /** A copy of the pixel permutation: scrambled pixel i comes from plain pixel {@code result[i]}. */
  public int[] sourceIndices() {
    return source.clone();
  }

  private void check(int in, int out, boolean same) {
    if (in != source.length || out != source.length) {
      throw new IllegalArgumentException(
          "planes must hold " + source.length + " samples (" + width + "x" + height + "), got " + in + " and " + out);
    }
    if (same) {
      throw new IllegalArgumentException("scrambling cannot work in place");
    }
  }

  private static void checkPermutation(int[] order, int n) {
    if (order.length != n) {
      throw new IllegalArgumentException("block order has " + order.length + " entries, " + n + " blocks expected");
    }
    boolean[] seen = new boolean[n];
    for (int v : order) {
      if (v < 0 || v >= n || seen[v]) {
        throw new IllegalArgumentException("block order is not a permutation of 0.." + (n - 1));
      }
      seen[v] = true;
    }
  }

  @Override
  public String toString() {
    return "SubBlockScrambler[" + width + "x" + height + ", side " + side + ", order redacted]";
  }
}
