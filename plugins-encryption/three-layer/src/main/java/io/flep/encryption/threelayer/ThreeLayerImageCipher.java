package io.flep.encryption.threelayer;

import io.flep.encryption.threelayer.layers.HaarDwt2d;
import io.flep.encryption.threelayer.layers.SecretImage;
import io.flep.encryption.threelayer.layers.SubBlockScrambler;
import io.flep.plugin.api.denoise.Denoiser;
import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.InsecureNonceAccess;
import io.flep.plugin.api.image.RasterImage;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The paper's three-layer image cipher, faithfully, per 8-bit channel (grey or RGB):
 *
 * <ol>
 *   <li>pad to a multiple of lcm(2, s) by edge replication ({@link Geometry}); sub-block chaotic scrambling
 *       ({@link SubBlockScrambler}, order = argsort of the logistic sequence);
 *   <li>(layers ≥ 2) level-1 Haar DWT of the scrambled plane X and of the secret image S, per-subband blending
 *       (1 − α<sub>b</sub>)·X<sub>b</sub> + α<sub>b</sub>·S<sub>b</sub>, inverse DWT;
 *   <li>(layers = 3 and noise on) + N(mean, σ²) per sample;
 * </ol>
 *
 * then the 8-bit mapping clamp(floor(v + 0.5), 0, 255). Decryption subtracts the noise mean and runs the
 * inverse steps in the key's {@link DecryptOrder}, denoising only when the noise layer is on.
 *
 * <p>Exactness (noise off): layer 1 alone round-trips exactly. With blending, exact recovery is impossible for
 * any α &gt; 0 — (1 − α)·x + α·s maps 256 plaintext levels onto about 256·(1 − α) cipher levels — so
 * decryption is within ±1 per sample for a single α ≤ 0.5 (rounding error ≤ 0.5, amplified by 1/(1 − α) ≤ 2,
 * no clamping since the blend stays in [0, 255]); per-subband α can exceed that and clamp.
 *
 * <p>Security: none worth the name — see {@link ThreeLayerProvider}. The header's key check catches a wrong key
 * or wrong associated data; nothing detects an altered cipher image. Thread-safe: the per-size schedule is
 * cached immutably, working arrays are per call.
 */
final class ThreeLayerImageCipher implements ImageCipher {
  /** Largest accepted image, in pixels per channel (64 Mpx). */
  static final long MAX_PIXELS = 1L << 26;
  /** The JDK generator the noise is drawn from (seeded per encryption from SecureRandom, or by the nonce hook). */
  static final String NOISE_GENERATOR = "L64X256MixRandom";
  private static final byte[] NO_AD = new byte[0];

  private final ThreeLayerKey key;
  private final byte[] serialisedKey;
  private final Denoiser denoiser;
  private final Supplier<RandomGenerator> noiseSource;
  private final double[] scale = new double[4];
  private final double[] unscale = new double[4];
  private volatile Schedule schedule;

  /** @param denoiser used when decrypting with noise on; may be null when the key adds no noise */
  ThreeLayerImageCipher(ThreeLayerKey key, Denoiser denoiser, Supplier<RandomGenerator> noiseSource) {
    this.key = Objects.requireNonNull(key, "key");
    this.serialisedKey = key.encryptionBytes();
    this.denoiser = denoiser;
    this.noiseSource = Objects.requireNonNull(noiseSource, "noiseSource");
    if (key.addsNoise() && denoiser == null) {
      throw new IllegalArgumentException("a denoiser is needed when the noise layer is on");
    }
    for (int b = 0; b < 4; b++) {
      scale[b] = 1 - key.alpha(b);
      unscale[b] = 1 / scale[b];
    }
  }

  /**
   * Evaluation hook: this scheme has no nonce, so the {@code nonce} seeds the noise generator instead of fresh
   * randomness — two encryptions with the same nonce get the same noise and a differential test measures
   * diffusion alone (REFERENCE.md §3). Without the noise layer the nonce is ignored.
   *
   * @throws IllegalArgumentException if the nonce is empty
   */
  @Override
  public EncryptedImage encryptWithNonce(RasterImage plain, byte[] nonce, InsecureNonceAccess access) {
    Objects.requireNonNull(access, "encryptWithNonce needs InsecureNonceAccess.forEvaluationOnly()");
    if (nonce == null || nonce.length == 0) {
      throw new IllegalArgumentException("nonce must not be empty");
    }
    byte[] seed = nonce.clone();
    return encrypt(plain, NO_AD, () -> RandomGeneratorFactory.of(NOISE_GENERATOR).create(seed));
  }

  /** {@link #encrypt(RasterImage, byte[])} without associated data; never throws a checked exception. */
  @Override
  public EncryptedImage encrypt(RasterImage plain) {
    return encrypt(plain, NO_AD);
  }

  @Override
  public EncryptedImage encrypt(RasterImage plain, byte[] associatedData) {
    return encrypt(plain, associatedData == null ? NO_AD : associatedData, noiseSource);
  }

  private EncryptedImage encrypt(RasterImage plain, byte[] associatedData, Supplier<RandomGenerator> noiseSource) {
    int w = plain.width();
    int h = plain.height();
    int ch = plain.channels();
    checkSize(w, h);
    int unit = Geometry.unit(key.blockSize);
    int pw = Geometry.padded(w, unit);
    int ph = Geometry.padded(h, unit);
    Schedule s = schedule(pw, ph, ch);
    byte[] in = plain.samples();
    byte[] out = new byte[pw * ph * ch];
    double[] a = new double[pw * ph];
    double[] b = new double[pw * ph];
    RandomGenerator rng = key.addsNoise() ? noiseSource.get() : null;
    for (int c = 0; c < ch; c++) {
      Geometry.extractPadded(in, w, h, ch, c, a, pw, ph);
      s.scrambler.scramble(a, b);
      if (key.layers >= 2) {
        HaarDwt2d.forward(b, a, pw, ph);
        blend(a, s.offset[c], pw, ph);
        HaarDwt2d.inverse(a, b, pw, ph);
      }
      if (rng != null) {
        key.noise.addTo(b, rng);
      }
      Geometry.quantize(b, pw, pw, ph, ch, c, out);
    }
    byte[] header = new ThreeLayerHeader(w, h, ThreeLayerHeader.keyCheck(serialisedKey, associatedData)).toBytes();
    return new EncryptedImage(new RasterImage(pw, ph, ch, out), header);
  }

  @Override
  public RasterImage decrypt(EncryptedImage encrypted, byte[] associatedData) throws GeneralSecurityException {
    return decrypt(encrypted, associatedData == null ? NO_AD : associatedData, true);
  }

  RasterImage decrypt(EncryptedImage encrypted, byte[] associatedData, boolean checkKey) throws GeneralSecurityException {
    ThreeLayerHeader header = ThreeLayerHeader.parse(encrypted.header());
    RasterImage cipher = encrypted.cipherImage();
    int w = header.width();
    int h = header.height();
    int unit = Geometry.unit(key.blockSize);
    int pw = Geometry.padded(w, unit);
    int ph = Geometry.padded(h, unit);
    if (cipher.width() != pw || cipher.height() != ph) {
      throw new GeneralSecurityException("flep-3layer cipher image is " + cipher.width() + "x" + cipher.height()
          + " but its header says " + w + "x" + h + " (padded " + pw + "x" + ph + " for this key): truncated, cropped"
          + " or not encrypted with this key's block size");
    }
    if (checkKey && !MessageDigest.isEqual(header.keyCheck(), ThreeLayerHeader.keyCheck(serialisedKey, associatedData))) {
      throw new GeneralSecurityException("flep-3layer: wrong key or wrong associated data (key check value mismatch);"
          + " note this faithful cipher has no authentication, a tampered image would not be detected");
    }
    int ch = cipher.channels();
    Schedule s = schedule(pw, ph, ch);
    byte[] in = cipher.samples();
    byte[] out = new byte[w * h * ch];
    double[] a = new double[pw * ph];
    double[] b = new double[pw * ph];
    boolean noise = key.addsNoise();
    double mean = noise ? key.noise.mean() : 0;
    for (int c = 0; c < ch; c++) {
      for (int i = 0, j = c; i < a.length; i++, j += ch) {
        a[i] = (in[j] & 0xff) - mean;
      }
      if (noise && key.decryptOrder == DecryptOrder.PAPER) {
        denoise(a, pw, ph, key.noise.sigma());
      }
      if (key.layers >= 2) {
        HaarDwt2d.forward(a, b, pw, ph);
        unblend(b, s.offset[c], pw, ph);
        HaarDwt2d.inverse(b, a, pw, ph);
      }
      s.scrambler.unscramble(a, b);
      if (noise && key.decryptOrder == DecryptOrder.REORDERED) {
        denoise(b, pw, ph, key.sigmaAfterUnblend());
      }
      Geometry.quantize(b, pw, w, h, ch, c, out);
    }
    return new RasterImage(w, h, ch, out);
  }

  private void denoise(double[] plane, int w, int h, double sigma) {
    float[] f = new float[plane.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) plane[i];
    }
    float[] d = denoiser.denoise(f, w, h, sigma);
    for (int i = 0; i < d.length; i++) {
      plane[i] = d[i];
    }
  }

  /** coef = (1 − α_b)·coef + α_b·S_b, per quadrant. */
  private void blend(double[] coef, double[] offset, int w, int h) {
    for (int y = 0; y < h; y++) {
      int q = y < h / 2 ? HaarDwt2d.LL : HaarDwt2d.LH;
      double left = scale[q];
      double right = scale[q + 1];
      int row = y * w;
      for (int x = 0; x < w / 2; x++) {
        coef[row + x] = left * coef[row + x] + offset[row + x];
      }
      for (int x = w / 2; x < w; x++) {
        coef[row + x] = right * coef[row + x] + offset[row + x];
      }
    }
  }

  /** coef = (coef − α_b·S_b) / (1 − α_b), per quadrant. */
  private void unblend(double[] coef, double[] offset, int w, int h) {
    for (int y = 0; y < h; y++) {
      int q = y < h / 2 ? HaarDwt2d.LL : HaarDwt2d.LH;
      double left = unscale[q];
      double right = unscale[q + 1];
      int row = y * w;
      for (int x = 0; x < w / 2; x++) {
        coef[row + x] = (coef[row + x] - offset[row + x]) * left;
      }
      for (int x = w / 2; x < w; x++) {
        coef[row + x] = (coef[row + x] - offset[row + x]) * right;
      }
    }
  }

  private Schedule schedule(int pw, int ph, int channels) {
    Schedule s = schedule;
    if (s == null || s.width != pw || s.height != ph || s.offset.length < channels) {
      s = new Schedule(key, pw, ph, channels);
      schedule = s;
    }
    return s;
  }

  private static void checkSize(int w, int h) {
    if ((long) w * h > MAX_PIXELS) {
      throw new IllegalArgumentException("image " + w + "x" + h + " exceeds the flep-3layer limit of " + MAX_PIXELS + " pixels");
    }
  }

  /** Key schedule for one padded size: the pixel permutation and α_b·DWT(S_c) per channel. Immutable. */
  private static final class Schedule {
    final int width;
    final int height;
    final SubBlockScrambler scrambler;
    final double[][] offset;

    Schedule(ThreeLayerKey key, int w, int h, int channels) {
      this.width = w;
      this.height = h;
      int blocks = SubBlockScrambler.blockCount(w, h, key.blockSize);
      this.scrambler = new SubBlockScrambler(w, h, key.blockSize, key.map.sortOrder(blocks));
      this.offset = new double[channels][];
      if (key.layers >= 2) {
        byte[] seed = key.seed();
        try {
          for (int c = 0; c < channels; c++) {
            double[] coef = new double[w * h];
            HaarDwt2d.forward(SecretImage.plane(seed, w, h, c), coef, w, h);
            for (int i = 0; i < coef.length; i++) {
              coef[i] *= key.alpha(HaarDwt2d.subbandOf(i, w, h));
            }
            offset[c] = coef;
          }
        } finally {
          java.util.Arrays.fill(seed, (byte) 0);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "ThreeLayerImageCipher[" + key + "]";
  }
}
