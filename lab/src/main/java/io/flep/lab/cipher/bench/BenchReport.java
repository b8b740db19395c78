package io.flep.lab.cipher.bench;

import io.flep.lab.report.Json;
import io.flep.lab.report.Json.Formatted;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints benchmark results as a table and as JSON ({@link Json}). */
public final class BenchReport {
  private BenchReport() {}

  /** A fixed-width table, one row per result. */
  public static void printTable(List<BenchResult> results, PrintStream out) {
    out.printf(Locale.ROOT, "%-22s %-24s %-8s %10s %10s %12s %10s%n",
        "scheme", "variant", "op", "median ms", "p90 ms", "MB/s", "iterations");
    for (BenchResult r : results) {
      Timing t = r.timing();
      out.printf(Locale.ROOT, "%-22s %-24s %-8s %10.4f %10.4f %12.2f %10d%n",
          r.scheme(), r.variant(), r.op(), t.medianMs(), t.p90Ms(), t.megabytesPerSecond(), t.iterations());
    }
  }

  /** The document; components in key order. */
  record Document(Image image, Formatted warmupSeconds, Formatted secondsPerCase, String java, int cores,
      List<Row> results, List<String> notes) {}

  record Image(int width, int height, int channels) {}

  record Row(String scheme, String variant, String op, Formatted medianMs, Formatted p90Ms, Formatted meanMs,
      Formatted mbPerSecond, int iterations, long bytesPerOp) {}

  /**
   * The report as JSON: the run's settings and environment, then {@code results}, each with {@code scheme},
   * {@code variant}, {@code op}, {@code medianMs}, {@code p90Ms}, {@code meanMs}, {@code mbPerSecond},
   * {@code iterations}, {@code bytesPerOp}; plus {@code notes} (skipped cases). Figures have six significant
   * digits.
   */
  public static String toJson(int size, double warmupSeconds, double seconds, List<BenchResult> results,
      List<String> notes) {
    List<Row> rows = results.stream().map(r -> {
      Timing t = r.timing();
      return new Row(r.scheme(), r.variant(), r.op(), num(t.medianMs()), num(t.p90Ms()), num(t.meanMs()),
          num(t.megabytesPerSecond()), t.iterations(), t.bytesPerOp());
    }).toList();
    return Json.write(new Document(new Image(size, size, 1), num(warmupSeconds), num(seconds),
        Runtime.version().toString(), Runtime.getRuntime().availableProcessors(), rows, notes));
  }

  private static Formatted num(double d) {
    return Json.significant(d, 6);
  }
}
