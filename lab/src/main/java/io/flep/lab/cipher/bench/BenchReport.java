package io.flep.lab.cipher.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints benchmark results as a table and as JSON (hand-written: all values are ids, numbers and plain text). */
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

  /**
   * The report as JSON: the run's settings and environment, then {@code results}, each with {@code scheme},
   * {@code variant}, {@code op}, {@code medianMs}, {@code p90Ms}, {@code meanMs}, {@code mbPerSecond},
   * {@code iterations}, {@code bytesPerOp}; plus {@code notes} (skipped cases).
   */
  public static String toJson(int size, double warmupSeconds, double seconds, List<BenchResult> results,
      List<String> notes) {
    StringBuilder json = new StringBuilder("{\n");
    json.append(String.format(Locale.ROOT,
        "  \"image\": {\"width\": %d, \"height\": %d, \"channels\": 1},%n  \"warmupSeconds\": %s,%n"
            + "  \"secondsPerCase\": %s,%n  \"java\": %s,%n  \"cores\": %d,%n",
        size, size, num(warmupSeconds), num(seconds), str(Runtime.version().toString()),
        Runtime.getRuntime().availableProcessors()));
    json.append("  \"results\": [");
    for (int i = 0; i < results.size(); i++) {
      BenchResult r = results.get(i);
      Timing t = r.timing();
      json.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
          "    {\"scheme\": %s, \"variant\": %s, \"op\": %s, \"medianMs\": %s, \"p90Ms\": %s, \"meanMs\": %s,"
              + " \"mbPerSecond\": %s, \"iterations\": %d, \"bytesPerOp\": %d}",
          str(r.scheme()), str(r.variant()), str(r.op()), num(t.medianMs()), num(t.p90Ms()), num(t.meanMs()),
          num(t.megabytesPerSecond()), t.iterations(), t.bytesPerOp()));
    }
    json.append(results.isEmpty() ? "],\n" : "\n  ],\n").append("  \"notes\": [");
    for (int i = 0; i < notes.size(); i++) {
      json.append(i == 0 ? "" : ", ").append(str(notes.get(i)));
    }
    return json.append("]\n}\n").toString();
  }

  private static String num(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "null";
  }

  static String str(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
