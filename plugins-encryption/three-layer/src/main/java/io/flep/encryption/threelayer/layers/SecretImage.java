package io.flep.encryption.threelayer.layers;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * The secret image of the paper's layer 2, generated from a seed so a key stores 32 bytes rather than an image:
 * plane c of a w×h image is the first w·h bytes of SHAKE256(domain ‖ seed ‖ w ‖ h ‖ c) (FIPS 202), read as
 * 8-bit samples, row-major. Different sizes and channels get independent-looking planes.
 *
 * <p>Guarantees: deterministic (same seed, size, channel → same plane on every platform) and uniformly
 * distributed samples if SHAKE256 is a good XOF. Stateless and thread-safe.
 */
public final class SecretImage {
  public static final int SEED_BYTES = 32;
  private static final byte[] DOMAIN = "flep-3layer secret image v1".getBytes(StandardCharsets.US_ASCII);

  private SecretImage() {}

  /**
   * Samples 0..255 of plane {@code channel} as doubles.
   *
   * @throws IllegalArgumentException if the seed is not {@value #SEED_BYTES} bytes or the size is not positive
   */
  public static double[] plane(byte[] seed, int width, int height, int channel) {
    Objects.requireNonNull(seed, "seed");
    if (seed.length != SEED_BYTES) {
      throw new IllegalArgumentException("secret-image seed must be " + SEED_BYTES + " bytes, got " + seed.length);
    }
    if (width <= 0 || height <= 0 || channel < 0) {
      throw new IllegalArgumentException("invalid secret-image plane " + width + "x" + height + " channel " + channel);
    }
    SHAKEDigest shake = new SHAKEDigest(256);
    shake.update(DOMAIN, 0, DOMAIN.length);
    shake.update(seed, 0, seed.length);
    byte[] params = new byte[12];
    putInt(params, 0, width);
    putInt(params, 4, height);
    putInt(params, 8, channel);
    shake.update(params, 0, params.length);
    byte[] bytes = new byte[width * height];
    shake.doFinal(bytes, 0, bytes.length);
    double[] out = new double[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[i] & 0xff;
    }
    return out;
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
