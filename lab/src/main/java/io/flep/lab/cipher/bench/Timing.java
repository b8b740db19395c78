package io.flep.lab.cipher.bench;

import java.util.Arrays;

/**
 * Timings of one benchmarked operation: every measured call's duration in nanoseconds, summarised as median, 90th
 * percentile (nearest rank) and mean, and throughput over the bytes one call processes.
 *
 * @param iterations measured calls
 * @param medianNs median duration of one call
 * @param p90Ns 90th percentile duration of one call
 * @param meanNs mean duration of one call
 * @param bytesPerOp plaintext bytes one call processes (for MB/s)
 */
public record Timing(int iterations, double medianNs, double p90Ns, double meanNs, long bytesPerOp) {

  /** Summarises the first {@code count} entries of {@code samplesNs} (which it sorts). */
  public static Timing of(long[] samplesNs, int count, long bytesPerOp) {
    if (count <= 0) {
      throw new IllegalArgumentException("no samples");
    }
    long[] sorted = Arrays.copyOf(samplesNs, count);
    Arrays.sort(sorted);
    double median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2.0;
    double p90 = sorted[Math.max(0, (int) Math.ceil(0.9 * count) - 1)];
    double sum = 0;
    for (long s : sorted) {
      sum += s;
    }
    return new Timing(count, median, p90, sum / count, bytesPerOp);
  }

  public double medianMs() {
    return medianNs / 1e6;
  }

  public double p90Ms() {
    return p90Ns / 1e6;
  }

  public double meanMs() {
    return meanNs / 1e6;
  }

  /** Throughput at the median: MB (10^6 bytes) per second. */
  public double megabytesPerSecond() {
    return bytesPerOp / (medianNs / 1e9) / 1e6;
  }
}
