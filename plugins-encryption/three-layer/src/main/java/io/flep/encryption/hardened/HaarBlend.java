package io.flep.encryption.hardened;

/**
 * Layer 2, the DWT-domain blending with a secret image, made exact: a level-1 2D Haar transform computed by
 * integer lifting modulo 256 (the S-transform: {@code d = a - b}, {@code s = b + floor(d/2)}, with {@code d} read
 * as a signed byte), per-subband modular blending {@code Y = (wa * X + wb * S) mod 256} with odd weights (units
 * mod 256, so the blend inverts), then the inverse lifting back to the pixel domain.
 *
 * <p>Every step is a bijection on 8-bit samples, so decryption is bit-exact. Haar level 1 is local to 2x2
 * blocks, so coefficients stay in place: in each block LL sits at top left, HL at top right, LH at bottom left,
 * HH at bottom right. Because {@code S} is uniform per encryption and {@code wb} is odd, {@code wb * S} is a
 * uniform one-time mask on the coefficients: this layer alone makes the cipher image independent of the
 * plaintext for anyone without the per-nonce subkey. Width and height must be even. Stateless.
 */
final class HaarBlend {
  static final int SUBBANDS = 4;

  private HaarBlend() {}

  /**
   * Blends {@code x} (interleaved, {@code channels} per pixel) in place with the secret image {@code secret} of
   * the same shape. {@code wa} and {@code wb} hold {@code channels * 4} odd weights, index
   * {@code channel * 4 + subband} (0 LL, 1 HL, 2 LH, 3 HH).
   */
  static void blend(byte[] x, byte[] secret, int width, int height, int channels, int[] wa, int[] wb) {
    int[] cx = new int[4];
    int[] cs = new int[4];
    int row = width * channels;
    for (int y = 0; y < height; y += 2) {
      for (int px = 0; px < width; px += 2) {
        int base = y * row + px * channels;
        for (int c = 0; c < channels; c++) {
          int i0 = base + c;
          load(x, i0, channels, row, cx);
          load(secret, i0, channels, row, cs);
          forward(cx);
          forward(cs);
          int w = c * SUBBANDS;
          for (int k = 0; k < 4; k++) {
            cx[k] = (wa[w + k] * cx[k] + wb[w + k] * cs[k]) & 0xff;
          }
          inverse(cx);
          store(x, i0, channels, row, cx);
        }
      }
    }
  }

  /** Inverse of {@link #blend}; {@code waInverse} holds the inverses mod 256 of {@code wa}. */
  static void unblend(byte[] x, byte[] secret, int width, int height, int channels, int[] waInverse, int[] wb) {
    int[] cx = new int[4];
    int[] cs = new int[4];
    int row = width * channels;
    for (int y = 0; y < height; y += 2) {
      for (int px = 0; px < width; px += 2) {
        int base = y * row + px * channels;
        for (int c = 0; c < channels; c++) {
          int i0 = base + c;
          load(x, i0, channels, row, cx);
          load(secret, i0, channels, row, cs);
          forward(cx);
          forward(cs);
          int w = c * SUBBANDS;
          for (int k = 0; k < 4; k++) {
            cx[k] = (waInverse[w + k] * (cx[k] - wb[w + k] * cs[k])) & 0xff;
          }
          inverse(cx);
          store(x, i0, channels, row, cx);
        }
      }
    }
  }

  /** The inverse of an odd {@code a} mod 256 (Newton: {@code a} is its own inverse mod 8, each step doubles the bits). */
  static int inverseMod256(int a) {
    if ((a & 1) == 0) {
      throw new IllegalArgumentException("only odd numbers are invertible mod 256, got " + a);
    }
    int inv = a;
    for (int i = 0; i < 2; i++) {
      inv *= 2 - a * inv;
    }
    return inv & 0xff;
  }

  /** Level-1 2D Haar of a 2x2 block {a, b, c, d} (row-major) by lifting mod 256, in place: {LL, HL, LH, HH}. */
  static void forward(int[] q) {
    liftForward(q, 0, 1);
    liftForward(q, 2, 3);
    liftForward(q, 0, 2);
    liftForward(q, 1, 3);
  }

  /** Inverse of {@link #forward}. */
  static void inverse(int[] q) {
    liftInverse(q, 1, 3);
    liftInverse(q, 0, 2);
    liftInverse(q, 2, 3);
    liftInverse(q, 0, 1);
  }

  /** S-transform step on (q[i], q[j]) = (a, b): q[j] = d = a - b, q[i] = s = b + floor(d / 2), all mod 256. */
  private static void liftForward(int[] q, int i, int j) {
    int d = (q[i] - q[j]) & 0xff;
    int s = (q[j] + ((byte) d >> 1)) & 0xff;
    q[i] = s;
    q[j] = d;
  }

  private static void liftInverse(int[] q, int i, int j) {
    int d = q[j];
    int b = (q[i] - ((byte) d >> 1)) & 0xff;
    q[i] = (d + b) & 0xff;
    q[j] = b;
  }

  private static void load(byte[] s, int i0, int channels, int row, int[] q) {
    q[0] = s[i0] & 0xff;
    q[1] = s[i0 + channels] & 0xff;
    q[2] = s[i0 + row] & 0xff;
    q[3] = s[i0 + row + channels] & 0xff;
  }

  private static void store(byte[] s, int i0, int channels, int row, int[] q) {
    s[i0] = (byte) q[0];
    s[i0 + channels] = (byte) q[1];
    s[i0 + row] = (byte) q[2];
    s[i0 + row + channels] = (byte) q[3];
  }
}
