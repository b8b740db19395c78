package io.flep.lab.cipher.eval;

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
  public static final java.util.List<String> METRICS = java.util.List.of(
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
}
