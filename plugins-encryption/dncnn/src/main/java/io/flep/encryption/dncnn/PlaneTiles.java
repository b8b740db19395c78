package io.flep.encryption.dncnn;

import java.util.ArrayList;
import java.util.List;

/** Plane geometry for {@link DnCnnDenoiser}: mirror indices, crops and overlapping tiles. */
final class PlaneTiles {

  private PlaneTiles() {
  }

  /**
   * One tile: the window {@code (x0, y0, width, height)} that goes through the network and the core inside it
   * whose outputs are kept. Cores partition the plane; windows add up to {@code margin} context pixels.
   */
  record Tile(int x0, int y0, int width, int height, int coreX0, int coreY0, int coreWidth, int coreHeight) {
  }

  /** Index {@code i} reflected into {@code [0, n)} symmetrically (edge sample repeated), for any {@code i}. */
  static int mirror(int i, int n) {
    int period = 2 * n;
    int m = Math.floorMod(i, period);
    return m < n ? m : period - 1 - m;
  }

  /** The {@code w x h} window at {@code (x0, y0)} of a row-major plane {@code width} samples wide. */
  static float[] crop(float[] plane, int width, int x0, int y0, int w, int h) {
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(plane, (y0 + y) * width + x0, out, y * w, w);
    }
    return out;
  }

  /** Cores of at most {@code tile x tile} covering the plane, each with up to {@code margin} context. */
  static List<Tile> split(int width, int height, int tile, int margin) {
    List<Tile> tiles = new ArrayList<>();
    for (int cy = 0; cy < height; cy += tile) {
      int ch = Math.min(tile, height - cy);
      int y0 = Math.max(0, cy - margin);
      int y1 = Math.min(height, cy + ch + margin);
      for (int cx = 0; cx < width; cx += tile) {
        int cw = Math.min(tile, width - cx);
        int x0 = Math.max(0, cx - margin);
        int x1 = Math.min(width, cx + cw + margin);
        tiles.add(new Tile(x0, y0, x1 - x0, y1 - y0, cx, cy, cw, ch));
      }
    }
    return tiles;
  }
}
