package io.flep.encryption.threelayer;

import io.flep.encryption.threelayer.layers.GaussianNoise;
import io.flep.encryption.threelayer.layers.LogisticMap;
import io.flep.encryption.threelayer.layers.SecretImage;
import io.flep.encryption.threelayer.layers.SpiralScan;
import io.flep.plugin.api.param.ParameterValues;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed key material of {@code flep-3layer}: the chaotic group key (logistic map x0, r, burn-in), the sub-block
 * side, the secret-image seed, α per DWT subband, the noise parameters and the pipeline settings. All of it is
 * stored in the secret part of the {@link io.flep.plugin.api.key.KeyMaterial}, format version {@value #VERSION},
 * big-endian:
 *
 * <pre>
 * x0 (f64) | r (f64) | burnIn (i32) | blockSize (u8) | secret-image seed (32 bytes)
 * | alphaLL | alphaHL | alphaLH | alphaHH (f64 each) | noiseMean (f64) | noiseSigma (f64)
 * | layers (u8, 1..3) | noise (u8, 0/1) | decryptOrder (u8, 0 paper / 1 reordered)
 * | denoiser id length (u8) | denoiser id (ASCII)
 * </pre>
 *
 * {@link #fromBytes} validates every field and throws {@link GeneralSecurityException} naming it. Immutable;
 * {@link #toString()} shows only non-secret settings.
 */
final class ThreeLayerKey {
  static final int VERSION = 1;
  static final double MAX_ALPHA = 0.9;
  static final int DEFAULT_BURN_IN = 1000;
  private static final int FIXED_BYTES = 8 + 8 + 4 + 1 + SecretImage.SEED_BYTES + 4 * 8 + 8 + 8 + 1 + 1 + 1 + 1;
  private static final Pattern DENOISER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  final LogisticMap map;
  final int blockSize;
  private final byte[] seed;
  private final double[] alpha; // indexed by HaarDwt2d.LL, HL, LH, HH
  final GaussianNoise noise;
  final int layers;
  final boolean noiseOn;
  final DecryptOrder decryptOrder;
  final String denoiserId;

  ThreeLayerKey(LogisticMap map, int blockSize, byte[] seed, double[] alpha, GaussianNoise noise, int layers,
      boolean noiseOn, DecryptOrder decryptOrder, String denoiserId) {
    if (blockSize < 1 || blockSize > SpiralScan.MAX_SIDE) {
      throw new IllegalArgumentException("blockSize must be in 1.." + SpiralScan.MAX_SIDE + ", got " + blockSize);
    }
    if (seed.length != SecretImage.SEED_BYTES) {
      throw new IllegalArgumentException("secret-image seed must be " + SecretImage.SEED_BYTES + " bytes");
    }
    if (alpha.length != 4) {
      throw new IllegalArgumentException("need four subband alphas");
    }
    for (int b = 0; b < 4; b++) {
      if (!(alpha[b] >= 0 && alpha[b] <= MAX_ALPHA)) {
        throw new IllegalArgumentException("alpha" + subbandName(b) + " must be in [0, " + MAX_ALPHA + "], got " + alpha[b]);
      }
    }
    if (layers < 1 || layers > 3) {
      throw new IllegalArgumentException("layers must be 1, 2 or 3, got " + layers);
    }
    if (!DENOISER_ID.matcher(denoiserId).matches()) {
      throw new IllegalArgumentException("invalid denoiser id '" + denoiserId + "'");
    }
    this.map = map;
    this.blockSize = blockSize;
    this.seed = seed.clone();
    this.alpha = alpha.clone();
    this.noise = noise;
    this.layers = layers;
    this.noiseOn = noiseOn;
    this.decryptOrder = decryptOrder;
    this.denoiserId = denoiserId;
  }

  /**
   * A fresh key from validated options ({@link ThreeLayerParameters}): x0 uniform in (0, 1), r uniform in
   * [3.99, 4), a random 32-byte seed, unless options fix them.
   *
   * @throws IllegalArgumentException if a fixed x0 and r collapse onto a fixed point within burnIn
   */
  static ThreeLayerKey generate(ParameterValues o, SecureRandom random) {
    double a = o.get(ThreeLayerParameters.ALPHA);
    double[] alpha = {o.find(ThreeLayerParameters.ALPHA_LL).orElse(a), o.find(ThreeLayerParameters.ALPHA_HL).orElse(a),
        o.find(ThreeLayerParameters.ALPHA_LH).orElse(a), o.find(ThreeLayerParameters.ALPHA_HH).orElse(a)};
    int burnIn = o.get(ThreeLayerParameters.BURN_IN);
    boolean fixed = o.isSet(ThreeLayerParameters.X0) || o.isSet(ThreeLayerParameters.R);
    byte[] seed = new byte[SecretImage.SEED_BYTES];
    random.nextBytes(seed);
    try {
      LogisticMap map = null;
      while (map == null) {
        double x0 = o.find(ThreeLayerParameters.X0).orElseGet(() -> ((random.nextLong() >>> 11) + 0.5) * 0x1.0p-53);
        double r = o.find(ThreeLayerParameters.R).orElseGet(() -> 3.99 + 0.01 * random.nextDouble());
        try {
          map = new LogisticMap(x0, r, burnIn);
        } catch (IllegalArgumentException e) {
          if (fixed) {
            throw new IllegalArgumentException("flep-3layer options 'x0'/'r'/'burnIn': " + e.getMessage(), e);
          }
        }
      }
      return new ThreeLayerKey(map, o.get(ThreeLayerParameters.BLOCK_SIZE), seed, alpha,
          new GaussianNoise(o.get(ThreeLayerParameters.NOISE_MEAN), o.get(ThreeLayerParameters.NOISE_SIGMA)),
          o.get(ThreeLayerParameters.LAYERS), o.get(ThreeLayerParameters.NOISE),
          DecryptOrder.parse(o.get(ThreeLayerParameters.DECRYPT_ORDER)), o.get(ThreeLayerParameters.DENOISER));
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** Whether encryption adds noise (layer 3 selected and {@code noise=true}). */
  boolean addsNoise() {
    return layers >= 3 && noiseOn;
  }

  double alpha(int subband) {
    return alpha[subband];
  }

  byte[] seed() {
    return seed.clone();
  }

  /** Noise σ after un-blending: σ·√(mean_b 1/(1−α_b)²) with blending on, else σ. */
  double sigmaAfterUnblend() {
    if (layers < 2) {
      return noise.sigma();
    }
    double s = 0;
    for (double a : alpha) {
      s += 1 / ((1 - a) * (1 - a));
    }
    return noise.sigma() * Math.sqrt(s / 4);
  }

  /**
   * The fields that determine the cipher image (everything but decrypt order and denoiser), for the header's
   * key check: a recipient may decrypt in another order or with another denoiser.
   */
  byte[] encryptionBytes() {
    byte[] all = toBytes();
    try {
      return Arrays.copyOf(all, FIXED_BYTES - 2);
    } finally {
      Arrays.fill(all, (byte) 0);
    }
  }

  byte[] toBytes() {
    byte[] id = denoiserId.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(FIXED_BYTES + id.length);
    b.putDouble(map.x0()).putDouble(map.r()).putInt(map.burnIn()).put((byte) blockSize).put(seed);
    for (double a : alpha) {
      b.putDouble(a);
    }
    b.putDouble(noise.mean()).putDouble(noise.sigma());
    b.put((byte) layers).put((byte) (noiseOn ? 1 : 0)).put((byte) decryptOrder.ordinal()).put((byte) id.length).put(id);
    return b.array();
  }

  /** @throws GeneralSecurityException naming the field that is truncated, out of range or inconsistent */
  static ThreeLayerKey fromBytes(byte[] bytes) throws GeneralSecurityException {
    if (bytes.length < FIXED_BYTES) {
      throw new GeneralSecurityException("corrupt flep-3layer key: " + bytes.length + " bytes, at least " + FIXED_BYTES + " needed");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte[] seed = new byte[SecretImage.SEED_BYTES];
    try {
      double x0 = b.getDouble();
      double r = b.getDouble();
      int burnIn = b.getInt();
      int blockSize = b.get() & 0xff;
      b.get(seed);
      double[] alpha = {b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble()};
      double mean = b.getDouble();
      double sigma = b.getDouble();
      int layers = b.get() & 0xff;
      int noiseFlag = b.get() & 0xff;
      int order = b.get() & 0xff;
      int idLength = b.get() & 0xff;
      if (noiseFlag > 1) {
        throw new GeneralSecurityException("corrupt flep-3layer key: noise flag " + noiseFlag + " is not 0 or 1");
      }
      if (order >= DecryptOrder.values().length) {
        throw new GeneralSecurityException("corrupt flep-3layer key: unknown decrypt order " + order);
      }
      if (idLength != b.remaining()) {
        throw new GeneralSecurityException("corrupt flep-3layer key: denoiser id length " + idLength
            + " does not match the " + b.remaining() + " bytes left");
      }
      byte[] id = new byte[idLength];
      b.get(id);
      return new ThreeLayerKey(new LogisticMap(x0, r, burnIn), blockSize, seed, alpha, new GaussianNoise(mean, sigma),
          layers, noiseFlag == 1, DecryptOrder.values()[order], new String(id, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("corrupt flep-3layer key: " + e.getMessage());
    } catch (BufferUnderflowException e) {
      throw new GeneralSecurityException("corrupt flep-3layer key: truncated");
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  static String subbandName(int b) {
    return switch (b) {
      case 0 -> "LL";
      case 1 -> "HL";
      case 2 -> "LH";
      default -> "HH";
    };
  }

  /** Pipeline settings only; chaotic keys, seed and α are redacted. */
  @Override
  public String toString() {
    return "ThreeLayerKey[block " + blockSize + ", layers " + layers + ", noise " + (addsNoise() ? noise : "off")
        + ", decrypt " + decryptOrder.id() + ", denoiser " + denoiserId + ", keys redacted]";
  }
}
