package io.flep.encryption.threelayer.layers;

/**
 * Clockwise spiral scan of an s×s block, starting at the top-left corner (the paper's intra-block transform):
 * s = 3 gives 0, 1, 2, 5, 8, 7, 6, 3, 4 (row-major indices). Stateless.
 */
public final class SpiralScan {
  public static final int MAX_SIDE = 64;

  private SpiralScan() {}

  /**
   * Row-major indices of an s×s block in spiral order; a permutation of 0..s²−1.
   *
   * @throws IllegalArgumentException if s is outside 1..{@value #MAX_SIDE}
   */
  public static int[] order(int s) {
    if (s < 1 || s > MAX_SIDE) {
      throw new IllegalArgumentException("spiral block side must be in 1.." + MAX_SIDE + ", got " + s);
    }
    int[] out = new int[s * s];
    int top = 0;
    int bottom = s - 1;
    int left = 0;
    int right = s - 1;
    int k = 0;
    while (top <= bottom && left <= right) {
      for (int x = left; x <= right; x++) {
        out[k++] = top * s + x;
      }
      for (int y = top + 1; y <= bottom; y++) {
        out[k++] = y * s + right;
      }
      if (top < bottom) {
        for (int x = right - 1; x >= left; x--) {
          out[k++] = bottom * s + x;
        }
      }
      if (left < right) {
        for (int y = bottom - 1; y > top; y--) {
          out[k++] = y * s + left;
        }
      }
      top++;
      bottom--;
      left++;
      right--;
    }
    return out;
  }
}
