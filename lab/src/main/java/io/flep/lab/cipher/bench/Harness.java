package io.flep.lab.cipher.bench;

import java.time.Duration;
import java.util.Arrays;

/**
 * A hand-written micro-benchmark loop (JMH is not available offline here): runs an operation untimed for the
 * warm-up period so the JIT compiles it, then times each call separately with {@link System#nanoTime} until the
 * measurement period has passed and at least {@code minIterations} calls were made. Results flow into a sink so
 * the JIT cannot drop the work. Single-threaded; measures latency of one call, not parallel throughput.
 */
public final class Harness {
  private final Duration warmup;
  private final Duration measure;
  private final int minIterations;
  private long sink;

  /**
   * @param warmup untimed period before measuring (may be zero)
   * @param measure minimum timed period
   * @param minIterations minimum timed calls, however long they take (at least 1)
   */
  public Harness(Duration warmup, Duration measure, int minIterations) {
    if (warmup.isNegative() || measure.isNegative() || minIterations < 1) {
      throw new IllegalArgumentException("warm-up and measurement must not be negative, minIterations >= 1");
    }
    this.warmup = warmup;
    this.measure = measure;
    this.minIterations = minIterations;
  }

  /** An operation to time; returns its result (never cached) so the harness can consume it. */
  @FunctionalInterface
  public interface Op {
    Object run() throws Exception;
  }

  /** Warms up, then times {@code op}, each call processing {@code bytesPerOp} bytes. */
  public Timing time(Op op, long bytesPerOp) throws Exception {
    long warmupEnd = System.nanoTime() + warmup.toNanos();
    do {
      consume(op.run());
    } while (System.nanoTime() < warmupEnd);
    long[] samples = new long[1024];
    int n = 0;
    long end = System.nanoTime() + measure.toNanos();
    while (n < minIterations || System.nanoTime() < end) {
      long t0 = System.nanoTime();
      Object result = op.run();
      long t1 = System.nanoTime();
      consume(result);
      if (n == samples.length) {
        samples = Arrays.copyOf(samples, n * 2);
      }
      samples[n++] = t1 - t0;
    }
    return Timing.of(samples, n, bytesPerOp);
  }

  private void consume(Object result) {
    sink += System.identityHashCode(result);
  }

  /** The accumulated sink value; meaningless except that reading it keeps the results alive. */
  public long sink() {
    return sink;
  }
}
