package io.flep.lab.cipher.eval;

import io.flep.lab.cipher.metrics.CriticalValues;
import io.flep.lab.cipher.metrics.Entropy;
import io.flep.lab.cipher.metrics.Fidelity;
import io.flep.lab.report.Json;
import io.flep.lab.report.Json.Formatted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON document of {@code flep cipher eval}: scheme, options, test settings, the Wu et al. critical values for
 * every image size, per image the {@link ImageEvaluation#METRICS} (non-finite values as {@code null}) plus pass
 * flags, and a summary with mean and std per metric. Metrics, means and stds have six decimals, critical values
 * four. Written by {@link Json}.
 */
public final class EvalJson {
  private EvalJson() {}

  /** Settings of the run that the document records. */
  public record Settings(String scheme, Map<String, String> options, boolean fixedNonce, int nonceBytes,
      int keyBitFlipped, long localEntropySeed, int repeats) {}

  /** The document; components in key order. */
  record Document(String scheme, Map<String, String> options, boolean fixedNonce, int nonceBytes,
      int keyBitFlipped, String differentialChange, LocalEntropySettings localEntropySettings,
      SsimSettings ssimSettings, int timingRepeats, List<CriticalValue> criticalValues,
      List<Map<String, Object>> images, Map<String, Object> summary) {}

  record LocalEntropySettings(int blocks, int blockPixels, long seed) {}

  /** {@code L} is the dynamic range, as in Wang et al. */
  record SsimSettings(int window, double sigma, double k1, double k2, int L) {}

  record CriticalValue(int pixels, double alpha, Formatted npcr, Formatted uaciLow, Formatted uaciHigh,
      boolean tabulated) {}

  record Passes(boolean differential, boolean keySensitivity) {}

  record Stat(Formatted mean, Formatted std, int n) {}

  public static String toJson(Settings s, List<ImageEvaluation> images) {
    TreeSet<Integer> sizes = new TreeSet<>();
    images.forEach(e -> sizes.add(e.width() * e.height()));
    List<CriticalValue> criticalValues = new ArrayList<>();
    for (int pixels : sizes) {
      for (double alpha : CriticalValues.ALPHAS) {
        CriticalValues cv = CriticalValues.forPixels(pixels, alpha);
        criticalValues.add(new CriticalValue(pixels, alpha, Json.fixed(cv.npcr(), 4), Json.fixed(cv.uaciLow(), 4),
            Json.fixed(cv.uaciHigh(), 4), cv.tabulated()));
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ImageEvaluation e : images) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", e.name());
      row.put("width", e.width());
      row.put("height", e.height());
      row.put("channels", e.channels());
      for (String m : ImageEvaluation.METRICS) {
        row.put(m, Json.fixed(e.metric(m), 6));
      }
      row.put("exactDecryption", e.exactDecryption());
      Map<String, Passes> passes = new LinkedHashMap<>();
      for (double alpha : CriticalValues.ALPHAS) {
        CriticalValues cv = CriticalValues.forPixels(e.width() * e.height(), alpha);
        passes.put(Double.toString(alpha), new Passes(passes(cv, e.npcrDifferential(), e.uaciDifferential()),
            passes(cv, e.keySensitivityNpcr(), e.keySensitivityUaci())));
      }
      row.put("passes", passes);
      rows.add(row);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("images", images.size());
    for (String m : ImageEvaluation.METRICS) {
      Summary sm = Summary.of(images, m);
      summary.put(m, new Stat(Json.fixed(sm.mean(), 6), Json.fixed(sm.std(), 6), sm.n()));
    }
    return Json.write(new Document(s.scheme(), s.options(), s.fixedNonce(), s.nonceBytes(), s.keyBitFlipped(),
        "pixel (0,0) + 1 mod 256 in every channel",
        new LocalEntropySettings(Entropy.BLOCKS, Entropy.BLOCK_PIXELS, s.localEntropySeed()),
        new SsimSettings(Fidelity.WINDOW, 1.5, 0.01, 0.03, 255), s.repeats(), criticalValues, rows, summary));
  }

  static boolean passes(CriticalValues cv, double npcr, double uaci) {
    return cv.npcrPasses(npcr) && cv.uaciPasses(uaci);
  }

  /** A JSON number with six decimals, or {@code null} when not finite. */
  static String num(double v) {
    return String.valueOf(Json.fixed(v, 6));
  }

  /** {@code s} as a JSON string literal. */
  public static String str(String s) {
    return Json.string(s);
  }
}
