package io.flep.lab.cipher.eval;

import io.flep.lab.cipher.metrics.CriticalValues;
import io.flep.lab.cipher.metrics.Entropy;
import io.flep.lab.cipher.metrics.Fidelity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON document of {@code flep cipher eval}: scheme, options, test settings, the Wu et al. critical values for
 * every image size, per image the {@link ImageEvaluation#METRICS} (non-finite values as {@code null}) plus pass
 * flags, and a summary with mean and std per metric.
 */
public final class EvalJson {
  private EvalJson() {}

  /** Settings of the run that the document records. */
  public record Settings(String scheme, Map<String, String> options, boolean fixedNonce, int nonceBytes,
      int keyBitFlipped, long localEntropySeed, int repeats) {}

  public static String toJson(Settings s, List<ImageEvaluation> images) {
    StringBuilder j = new StringBuilder("{\n");
    j.append("  \"scheme\": ").append(str(s.scheme())).append(",\n  \"options\": {");
    int i = 0;
    for (var e : s.options().entrySet()) {
      j.append(i++ == 0 ? "" : ", ").append(str(e.getKey())).append(": ").append(str(e.getValue()));
    }
    j.append("},\n");
    j.append("  \"fixedNonce\": ").append(s.fixedNonce()).append(",\n");
    j.append("  \"nonceBytes\": ").append(s.nonceBytes()).append(",\n");
    j.append("  \"keyBitFlipped\": ").append(s.keyBitFlipped()).append(",\n");
    j.append("  \"differentialChange\": \"pixel (0,0) + 1 mod 256 in every channel\",\n");
    j.append(String.format(Locale.ROOT, "  \"localEntropySettings\": {\"blocks\": %d, \"blockPixels\": %d, "
        + "\"seed\": %d},%n", Entropy.BLOCKS, Entropy.BLOCK_PIXELS, s.localEntropySeed()));
    j.append(String.format(Locale.ROOT, "  \"ssimSettings\": {\"window\": %d, \"sigma\": 1.5, \"k1\": 0.01, "
        + "\"k2\": 0.03, \"L\": 255},%n", Fidelity.WINDOW));
    j.append("  \"timingRepeats\": ").append(s.repeats()).append(",\n");
    j.append("  \"criticalValues\": [");
    TreeSet<Integer> sizes = new TreeSet<>();
    images.forEach(e -> sizes.add(e.width() * e.height()));
    int k = 0;
    for (int pixels : sizes) {
      for (double alpha : CriticalValues.ALPHAS) {
        CriticalValues cv = CriticalValues.forPixels(pixels, alpha);
        j.append(k++ == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
            "    {\"pixels\": %d, \"alpha\": %s, \"npcr\": %.4f, \"uaciLow\": %.4f, \"uaciHigh\": %.4f, "
                + "\"tabulated\": %b}", pixels, alpha, cv.npcr(), cv.uaciLow(), cv.uaciHigh(), cv.tabulated()));
      }
    }
    j.append(k == 0 ? "],\n" : "\n  ],\n").append("  \"images\": [");
    for (int n = 0; n < images.size(); n++) {
      ImageEvaluation e = images.get(n);
      j.append(n == 0 ? "\n" : ",\n").append("    {\"name\": ").append(str(e.name()))
          .append(", \"width\": ").append(e.width()).append(", \"height\": ").append(e.height())
          .append(", \"channels\": ").append(e.channels());
      for (String m : ImageEvaluation.METRICS) {
        j.append(",\n      ").append(str(m)).append(": ").append(num(e.metric(m)));
      }
      j.append(",\n      \"exactDecryption\": ").append(e.exactDecryption()).append(",\n      \"passes\": {");
      int a = 0;
      for (double alpha : CriticalValues.ALPHAS) {
        CriticalValues cv = CriticalValues.forPixels(e.width() * e.height(), alpha);
        j.append(a++ == 0 ? "" : ", ").append(str(Double.toString(alpha))).append(": {\"differential\": ")
            .append(passes(cv, e.npcrDifferential(), e.uaciDifferential())).append(", \"keySensitivity\": ")
            .append(passes(cv, e.keySensitivityNpcr(), e.keySensitivityUaci())).append("}");
      }
      j.append("}}");
    }
    j.append(images.isEmpty() ? "],\n" : "\n  ],\n").append("  \"summary\": {\"images\": ").append(images.size());
    for (String m : ImageEvaluation.METRICS) {
      Summary sm = Summary.of(images, m);
      j.append(",\n    ").append(str(m)).append(": {\"mean\": ").append(num(sm.mean())).append(", \"std\": ")
          .append(num(sm.std())).append(", \"n\": ").append(sm.n()).append("}");
    }
    return j.append("\n  }\n}\n").toString();
  }

  static boolean passes(CriticalValues cv, double npcr, double uaci) {
    return cv.npcrPasses(npcr) && cv.uaciPasses(uaci);
  }

  /** A JSON number, or {@code null} when not finite. */
  static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "null";
  }

  /** A JSON string literal. */
  /** {@code s} as a JSON string literal. */
  public static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
