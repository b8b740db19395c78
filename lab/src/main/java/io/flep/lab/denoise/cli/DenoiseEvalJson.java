package io.flep.lab.denoise.cli;

import io.flep.lab.report.Json;
import io.flep.lab.report.Json.Formatted;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The JSON document of {@code flep denoiser eval}: the settings (denoiser, model file, plugin options, σ, noise
 * seed, split), per image {@code name}, {@code width},
 * {@code height}, {@code psnrNoisy}, {@code psnrDenoised}, {@code ssimDenoised} and {@code ms}, and a summary
 * with the mean of each figure (non-finite values, e.g. SSIM of an image smaller than 11x11, are {@code null}
 * and left out of the means). Figures have six decimals. Written by {@link Json}.
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

  /** The document; components in key order. */
  record Document(String denoiser, String model, Map<String, String> options, Formatted sigma,
      long noiseSeed, String split, List<Image> images, Totals summary) {}

  record Image(String name, int width, int height, Formatted psnrNoisy, Formatted psnrDenoised,
      Formatted ssimDenoised, Formatted ms) {}

  record Totals(int images, Formatted psnrNoisy, Formatted psnrDenoised, Formatted ssimDenoised,
      Formatted ms) {}

  static String toJson(Settings s, List<Row> rows) {
    List<Image> images = rows.stream().map(r -> new Image(r.name(), r.width(), r.height(), num(r.psnrNoisy()),
        num(r.psnrDenoised()), num(r.ssimDenoised()), num(r.ms()))).toList();
    Totals summary = new Totals(rows.size(), num(mean(rows, Row::psnrNoisy)), num(mean(rows, Row::psnrDenoised)),
        num(mean(rows, Row::ssimDenoised)), num(mean(rows, Row::ms)));
    return Json.write(new Document(s.denoiser(), s.model(), s.options(), num(s.sigma()), s.seed(), s.split(),
        images, summary));
  }

  /** Mean of the finite values, NaN if there are none. */
  static double mean(List<Row> rows, ToDoubleFunction<Row> f) {
    return rows.stream().mapToDouble(f).filter(Double::isFinite).average().orElse(Double.NaN);
  }

  /** Six decimals, null if not finite. */
  static Formatted num(double v) {
    return Json.fixed(v, 6);
  }
}
