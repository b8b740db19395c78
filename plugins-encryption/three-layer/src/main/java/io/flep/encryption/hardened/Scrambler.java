package io.flep.encryption.hardened;

import io.flep.encryption.threelayer.layers.SubBlockScrambler;

/**
 * Layer 1, sub-block scrambling with a spiral scan: the image is cut into {@code b x b} sub-blocks, the blocks are
 * reordered by a permutation (in the hardened cipher a Fisher-Yates shuffle driven by the per-nonce keystream,
 * not a chaotic sequence), and inside each block the pixels are read in clockwise spiral order from the top-left
 * corner and written in raster order. Channels of a pixel move together (one permutation for all channels,
 * applied to the interleaved samples). Width and height must be multiples of {@code b}. Stateless.
 */
final class Scrambler {
  private Scrambler() {}

  /**
   * The pixel map of the scrambling: {@code map[dst] = src} (pixel indices {@code y * width + x}). Destination
   * block {@code t} (blocks in raster order) takes source block {@code blockPerm[t]}, its k-th raster position
   * the source block's k-th spiral position - the geometry of the shared {@link SubBlockScrambler} and
   * {@link io.flep.encryption.threelayer.layers.SpiralScan}, which this reuses.
   *
   * @throws IllegalArgumentException if the size is not a whole number of blocks or {@code blockPerm} is not a
   *     permutation of the block indices
   */
  static int[] pixelMap(int width, int height, int b, int[] blockPerm) {
    return new SubBlockScrambler(width, height, b, blockPerm).sourceIndices();
  }

  /** {@code out[dst] = in[map[dst]]} for every channel. */
  static void scramble(byte[] in, byte[] out, int[] map, int channels) {
    if (channels == 1) {
      for (int d = 0; d < map.length; d++) {
        out[d] = in[map[d]];
      }
    } else {
      for (int d = 0; d < map.length; d++) {
        System.arraycopy(in, map[d] * channels, out, d * channels, channels);
      }
    }
  }

  /** Inverse of {@link #scramble}: {@code out[map[dst]] = in[dst]}. */
  static void unscramble(byte[] in, byte[] out, int[] map, int channels) {
    if (channels == 1) {
      for (int d = 0; d < map.length; d++) {
        out[map[d]] = in[d];
      }
    } else {
      for (int d = 0; d < map.length; d++) {
        System.arraycopy(in, d * channels, out, map[d] * channels, channels);
      }
    }
  }
}
