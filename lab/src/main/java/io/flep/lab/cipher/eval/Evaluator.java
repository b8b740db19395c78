package io.flep.lab.cipher.eval;

import io.flep.lab.cipher.cli.CipherPlugin;
import io.flep.lab.cipher.metrics.Correlation.Direction;
import io.flep.lab.cipher.metrics.Correlation;
import io.flep.lab.cipher.metrics.Differential;
import io.flep.lab.cipher.metrics.Entropy;
import io.flep.lab.cipher.metrics.Fidelity;
import io.flep.lab.cipher.metrics.Histogram;
import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.InsecureNonceAccess;
import io.flep.plugin.api.image.RasterImage;
import io.flep.plugin.api.key.KeyMaterial;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Runs the evaluation suite of one scheme and key on images. Per image it draws one random nonce and uses it for
 * the cipher, the one-pixel-changed cipher and the flipped-key cipher ({@link ImageCipher#encryptWithNonce} with
 * {@link InsecureNonceAccess#forEvaluationOnly()}), so differential and key-sensitivity figures measure diffusion
 * and key dependence, not the nonce. A scheme without that hook (it throws {@link UnsupportedOperationException},
 * e.g. a nonce-less scheme) is evaluated with plain {@link ImageCipher#encrypt}; {@link #fixedNonce()} then says
 * false. Times are medians of {@code repeats} calls after one untimed warm-up call on the first image. Not
 * thread-safe.
 */
public final class Evaluator {
  /** Nonce length tried first (the hardened scheme's 128-bit nonce). */
  public static final int DEFAULT_NONCE_BYTES = 16;

  /** What one image produced: the figures and the three images the command writes. */
  public record Outcome(ImageEvaluation metrics, EncryptedImage cipher, EncryptedImage cipherOnePixel,
      RasterImage decrypted) {}

  private final ImageCipher cipher;
  private final KeyFlip.Flipped flipped;
  private final int nonceBytes;
  private final int repeats;
  private final long localEntropySeed;
  private final SecureRandom random;
  private boolean fixedNonce = true;
  private boolean warm;

  /**
   * @throws GeneralSecurityException if the plugin rejects the key or every one-bit variant of it
   */
  public Evaluator(CipherPlugin provider, KeyMaterial key, int keyBitStart, int nonceBytes, int repeats,
      long localEntropySeed, SecureRandom random) throws GeneralSecurityException {
    if (nonceBytes <= 0 || repeats <= 0) {
      throw new IllegalArgumentException("nonce bytes and repeats must be positive");
    }
    this.cipher = provider.newImageCipher(key);
    this.flipped = KeyFlip.firstAccepted(provider, key, keyBitStart);
    this.nonceBytes = nonceBytes;
    this.repeats = repeats;
    this.localEntropySeed = localEntropySeed;
    this.random = random;
  }

  /** The secret-part bit flipped for the key-sensitivity test. */
  public int flippedBit() {
    return flipped.bit();
  }

  /** Whether ciphers were made with one fixed nonce per image (false: the scheme has no such hook). */
  public boolean fixedNonce() {
    return fixedNonce;
  }

  /** Encrypts, decrypts and measures one plaintext. */
  public Outcome evaluate(String name, RasterImage plain) throws GeneralSecurityException {
    byte[] nonce = new byte[nonceBytes];
    random.nextBytes(nonce);
    if (!warm) {
      cipher.decrypt(encrypt(cipher, plain, nonce));
      warm = true;
    }
    double[] encTimes = new double[repeats];
    EncryptedImage c1 = null;
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      c1 = encrypt(cipher, plain, nonce);
      encTimes[r] = (System.nanoTime() - t0) / 1e6;
    }
    double[] decTimes = new double[repeats];
    RasterImage decrypted = null;
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      decrypted = cipher.decrypt(c1);
      decTimes[r] = (System.nanoTime() - t0) / 1e6;
    }
    EncryptedImage c1px = encrypt(cipher, Differential.firstPixelPlusOne(plain), nonce);
    EncryptedImage c2 = encrypt(flipped.cipher(), plain, nonce);

    RasterImage ci = c1.cipherImage();
    RasterImage ciCropped = Differential.cropTopLeft(ci, plain.width(), plain.height());
    RasterImage dec = Differential.cropTopLeft(decrypted, plain.width(), plain.height());
    int pixels = plain.width() * plain.height();
    boolean bigEnough = ci.width() * ci.height() >= Entropy.BLOCKS * Entropy.BLOCK_PIXELS;
    boolean ssimFits = plain.width() >= Fidelity.WINDOW && plain.height() >= Fidelity.WINDOW;
    double psnr = Fidelity.psnr(plain, dec);
    ImageEvaluation m = ImageEvaluation.builder()
        .name(name).width(plain.width()).height(plain.height()).channels(plain.channels())
        .npcrPlainCipher(Differential.npcr(plain, ciCropped)).uaciPlainCipher(Differential.uaci(plain, ciCropped))
        .npcrDifferential(Differential.npcr(ci, c1px.cipherImage()))
        .uaciDifferential(Differential.uaci(ci, c1px.cipherImage()))
        .entropy(Entropy.global(ci))
        .localEntropy(bigEnough ? Entropy.local(ci, localEntropySeed) : Double.NaN)
        .encryptionQuality(Histogram.encryptionQuality(plain, ciCropped))
        .corrH(Correlation.adjacent(ci, Direction.HORIZONTAL))
        .corrV(Correlation.adjacent(ci, Direction.VERTICAL))
        .corrD(Correlation.adjacent(ci, Direction.DIAGONAL))
        .keySensitivityNpcr(Differential.npcr(ci, c2.cipherImage()))
        .keySensitivityUaci(Differential.uaci(ci, c2.cipherImage()))
        .psnrDecrypted(psnr).ssimDecrypted(ssimFits ? Fidelity.ssim(plain, dec) : Double.NaN)
        .encryptMs(median(encTimes)).decryptMs(median(decTimes))
        .exactDecryption(psnr == Double.POSITIVE_INFINITY && pixels > 0)
        .build();
    return new Outcome(m, c1, c1px, decrypted);
  }

  private EncryptedImage encrypt(ImageCipher c, RasterImage plain, byte[] nonce) throws GeneralSecurityException {
    if (fixedNonce) {
      try {
        return c.encryptWithNonce(plain, nonce, InsecureNonceAccess.forEvaluationOnly());
      } catch (UnsupportedOperationException e) {
        fixedNonce = false;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the scheme rejects the " + nonceBytes + "-byte evaluation nonce ("
            + e.getMessage() + "); set --nonce-bytes", e);
      }
    }
    return c.encrypt(plain);
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
