package io.flep.lab.cipher.eval;

import java.util.List;
import java.util.Objects;

/**
 * The figures {@code flep cipher eval} reports for one image (JSON keys = component names). Percentages for
 * NPCR/UACI, bits for entropies, milliseconds for times (median of the timed repeats). Non-finite values are written as JSON
 * {@code null}: +∞ PSNR of an exact decryption, NaN where a figure is undefined (correlation of a constant image,
 * local entropy of an image below 30·1,936 pixels, SSIM below 11×11 pixels).
 *
 * @param npcrPlainCipher NPCR between plaintext and cipher image (the paper's convention; not a diffusion test)
 * @param npcrDifferential NPCR between the ciphers of the plaintext and of the plaintext with pixel (0,0) + 1,
 *     same key and (if the scheme has a fixed-nonce hook) same nonce
 * @param keySensitivityNpcr NPCR between the ciphers of the same plaintext under the key and the one-bit-flipped
 *     key, same nonce
 */
public record ImageEvaluation(
    String name, int width, int height, int channels,
    double npcrPlainCipher, double uaciPlainCipher,
    double npcrDifferential, double uaciDifferential,
    double entropy, double localEntropy, double encryptionQuality,
    double corrH, double corrV, double corrD,
    double keySensitivityNpcr, double keySensitivityUaci,
    double psnrDecrypted, double ssimDecrypted,
    double encryptMs, double decryptMs,
    boolean exactDecryption) {

  /** The metric keys of the contract, in order. */
  public static final List<String> METRICS = List.of(
      "npcrPlainCipher", "uaciPlainCipher", "npcrDifferential", "uaciDifferential", "entropy", "localEntropy",
      "encryptionQuality", "corrH", "corrV", "corrD", "keySensitivityNpcr", "keySensitivityUaci", "psnrDecrypted",
      "ssimDecrypted", "encryptMs", "decryptMs");

  /** The value of metric {@code key} (one of {@link #METRICS}). */
  public double metric(String key) {
    return switch (key) {
      case "npcrPlainCipher" -> npcrPlainCipher;
      case "uaciPlainCipher" -> uaciPlainCipher;
      case "npcrDifferential" -> npcrDifferential;
      case "uaciDifferential" -> uaciDifferential;
      case "entropy" -> entropy;
      case "localEntropy" -> localEntropy;
      case "encryptionQuality" -> encryptionQuality;
      case "corrH" -> corrH;
      case "corrV" -> corrV;
      case "corrD" -> corrD;
      case "keySensitivityNpcr" -> keySensitivityNpcr;
      case "keySensitivityUaci" -> keySensitivityUaci;
      case "psnrDecrypted" -> psnrDecrypted;
      case "ssimDecrypted" -> ssimDecrypted;
      case "encryptMs" -> encryptMs;
      case "decryptMs" -> decryptMs;
      default -> throw new IllegalArgumentException("unknown metric " + key);
    };
  }

  /** A builder with no figures set: set what the image has; an unset figure stays NaN (undefined, JSON null). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an {@link ImageEvaluation} by component name. {@link #name(String)} is required; sizes default to 0,
   * figures to NaN and {@link #exactDecryption(boolean)} to false.
   */
  public static final class Builder {
    private String name;
    private int width;
    private int height;
    private int channels;
    private double npcrPlainCipher = Double.NaN;
    private double uaciPlainCipher = Double.NaN;
    private double npcrDifferential = Double.NaN;
    private double uaciDifferential = Double.NaN;
    private double entropy = Double.NaN;
    private double localEntropy = Double.NaN;
    private double encryptionQuality = Double.NaN;
    private double corrH = Double.NaN;
    private double corrV = Double.NaN;
    private double corrD = Double.NaN;
    private double keySensitivityNpcr = Double.NaN;
    private double keySensitivityUaci = Double.NaN;
    private double psnrDecrypted = Double.NaN;
    private double ssimDecrypted = Double.NaN;
    private double encryptMs = Double.NaN;
    private double decryptMs = Double.NaN;
    private boolean exactDecryption;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder width(int width) {
      this.width = width;
      return this;
    }

    public Builder height(int height) {
      this.height = height;
      return this;
    }

    public Builder channels(int channels) {
      this.channels = channels;
      return this;
    }

    public Builder npcrPlainCipher(double npcrPlainCipher) {
      this.npcrPlainCipher = npcrPlainCipher;
      return this;
    }

    public Builder uaciPlainCipher(double uaciPlainCipher) {
      this.uaciPlainCipher = uaciPlainCipher;
      return this;
    }

    public Builder npcrDifferential(double npcrDifferential) {
      this.npcrDifferential = npcrDifferential;
      return this;
    }

    public Builder uaciDifferential(double uaciDifferential) {
      this.uaciDifferential = uaciDifferential;
      return this;
    }

    public Builder entropy(double entropy) {
      this.entropy = entropy;
      return this;
    }

    public Builder localEntropy(double localEntropy) {
      this.localEntropy = localEntropy;
      return this;
    }

    public Builder encryptionQuality(double encryptionQuality) {
      this.encryptionQuality = encryptionQuality;
      return this;
    }

    public Builder corrH(double corrH) {
      this.corrH = corrH;
      return this;
    }

    public Builder corrV(double corrV) {
      this.corrV = corrV;
      return this;
    }

    public Builder corrD(double corrD) {
      this.corrD = corrD;
      return this;
    }

    public Builder keySensitivityNpcr(double keySensitivityNpcr) {
      this.keySensitivityNpcr = keySensitivityNpcr;
      return this;
    }

    public Builder keySensitivityUaci(double keySensitivityUaci) {
      this.keySensitivityUaci = keySensitivityUaci;
      return this;
    }

    public Builder psnrDecrypted(double psnrDecrypted) {
      this.psnrDecrypted = psnrDecrypted;
      return this;
    }

    public Builder ssimDecrypted(double ssimDecrypted) {
      this.ssimDecrypted = ssimDecrypted;
      return this;
    }

    public Builder encryptMs(double encryptMs) {
      this.encryptMs = encryptMs;
      return this;
    }

    public Builder decryptMs(double decryptMs) {
      this.decryptMs = decryptMs;
      return this;
    }

    public Builder exactDecryption(boolean exactDecryption) {
      this.exactDecryption = exactDecryption;
      return this;
    }

    /**
     * The evaluation.
     *
     * @throws NullPointerException if no {@link #name(String)} was set
     */
    public ImageEvaluation build() {
      return new ImageEvaluation(Objects.requireNonNull(name, "name"), width, height, channels,
          npcrPlainCipher, uaciPlainCipher, npcrDifferential, uaciDifferential,
          entropy, localEntropy, encryptionQuality, corrH, corrV, corrD,
          keySensitivityNpcr, keySensitivityUaci, psnrDecrypted, ssimDecrypted, encryptMs, decryptMs,
          exactDecryption);
    }
  }
}
