package io.flep.lab.denoise.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The JSON document of {@code flep denoiser eval}: the settings (denoiser, model file, plugin options, σ, noise
 * seed, split), per image {@code name}, {@code width},
 * {@code height}, {@code psnrNoisy}, {@code psnrDenoised}, {@code ssimDenoised} and {@code ms}, and a summary
 * with the mean of each figure (non-finite values, e.g. SSIM of an image smaller than 11x11, are {@code null}
 * and left out of the means).
 */
final class DenoiseEvalJson {

  /** The figures of one image. */
  record Row(String name, int width, int height, double psnrNoisy, double psnrDenoised, double ssimDenoised,
      double ms) {}

  /** What the run was. */
  record Settings(String denoiser, String model, Map<String, String> options, double sigma, long seed,
      String split) {}

  private DenoiseEvalJson() {
  }

  static String toJson(Settings s, List<Row> rows) {
    StringBuilder j = new StringBuilder("{\n");
    j.append("  \"denoiser\": ").append(str(s.denoiser())).append(",\n");
    j.append("  \"model\": ").append(s.model() == null ? "null" : str(s.model())).append(",\n");
    j.append("  \"options\": {");
    int n = 0;
    for (Map.Entry<String, String> e : s.options().entrySet()) {
      j.append(n++ == 0 ? "" : ", ").append(str(e.getKey())).append(": ").append(str(e.getValue()));
    }
    j.append("},\n");
    j.append("  \"sigma\": ").append(num(s.sigma())).append(",\n");
    j.append("  \"noiseSeed\": ").append(s.seed()).append(",\n");
    j.append("  \"split\": ").append(str(s.split())).append(",\n");
    j.append("  \"images\": [");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      j.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(str(r.name()))
          .append(", \"width\": ").append(r.width()).append(", \"height\": ").append(r.height())
          .append(", \"psnrNoisy\": ").append(num(r.psnrNoisy()))
          .append(", \"psnrDenoised\": ").append(num(r.psnrDenoised()))
          .append(", \"ssimDenoised\": ").append(num(r.ssimDenoised()))
          .append(", \"ms\": ").append(num(r.ms())).append("}");
    }
    j.append(rows.isEmpty() ? "],\n" : "\n  ],\n");
    j.append("  \"summary\": {\"images\": ").append(rows.size())
        .append(", \"psnrNoisy\": ").append(num(mean(rows, Row::psnrNoisy)))
        .append(", \"psnrDenoised\": ").append(num(mean(rows, Row::psnrDenoised)))
        .append(", \"ssimDenoised\": ").append(num(mean(rows, Row::ssimDenoised)))
        .append(", \"ms\": ").append(num(mean(rows, Row::ms))).append("}\n}\n");
    return j.toString();
  }

  /** Mean of the finite values, NaN if there are none. */
  static double mean(List<Row> rows, ToDoubleFunction<Row> f) {
    return rows.stream().mapToDouble(f).filter(Double::isFinite).average().orElse(Double.NaN);
  }

  static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "null";
  }

  private static String str(String s) {
    return io.flep.lab.cipher.eval.EvalJson.str(s);
  }
}
