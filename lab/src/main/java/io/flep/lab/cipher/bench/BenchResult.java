package io.flep.lab.cipher.bench;

/**
 * One line of a benchmark report.
 *
 * @param scheme cipher plugin id
 * @param variant key options that distinguish this case, e.g. {@code noise=false}, or {@code default}
 * @param op {@code encrypt} or {@code decrypt}
 * @param timing the measurement
 */
public record BenchResult(String scheme, String variant, String op, Timing timing) {}
