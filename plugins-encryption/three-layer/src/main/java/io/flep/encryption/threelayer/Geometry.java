package io.flep.encryption.threelayer;

/**
 * How any image size fits the cipher: each plane is padded on the right and bottom to a multiple of
 * unit = lcm(2, blockSize) (even for the Haar DWT, whole sub-blocks for the scrambler) by edge replication;
 * the cipher image has the padded size and the header keeps the original, which decryption crops back to.
 */
final class Geometry {
  private Geometry() {}

  static int unit(int blockSize) {
    return blockSize % 2 == 0 ? blockSize : 2 * blockSize;
  }

  static int padded(int size, int unit) {
    return (size + unit - 1) / unit * unit;
  }

  /** Channel {@code c} of interleaved 8-bit samples (w×h×channels) into a pw×ph plane, edge-replicated. */
  static void extractPadded(byte[] samples, int w, int h, int channels, int c, double[] plane, int pw, int ph) {
    for (int y = 0; y < ph; y++) {
      int sy = Math.min(y, h - 1) * w;
      int row = y * pw;
      for (int x = 0; x < w; x++) {
        plane[row + x] = samples[(sy + x) * channels + c] & 0xff;
      }
      double last = plane[row + w - 1];
      for (int x = w; x < pw; x++) {
        plane[row + x] = last;
      }
    }
  }

  /**
   * The 8-bit mapping: sample = clamp(floor(v + 0.5), 0, 255) — round half up, then clamp — for the top-left
   * w×h of a pw-wide plane, into channel {@code c} of interleaved samples. NaN maps to 0.
   */
  static void quantize(double[] plane, int pw, int w, int h, int channels, int c, byte[] samples) {
    for (int y = 0; y < h; y++) {
      int row = y * pw;
      int out = y * w * channels + c;
      for (int x = 0; x < w; x++) {
        double v = Math.floor(plane[row + x] + 0.5);
        int q = v >= 255 ? 255 : (v > 0 ? (int) v : 0);
        samples[out] = (byte) q;
        out += channels;
      }
    }
  }
}
