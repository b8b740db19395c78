package io.flep.workers.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the used heap every 100 ms and keeps the peak; {@link #settled()} measures after a GC. */
final class HeapSampler implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "flep-bench-heap");
        thread.setDaemon(true);
        return thread;
      });

  HeapSampler start() {
    scheduler.scheduleAtFixedRate(
        () -> peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max), 0, 100, TimeUnit.MILLISECONDS);
    return this;
  }

  void resetPeak() {
    peak.set(0);
  }

  double peakMb() {
    return peak.get() / 1048576.0;
  }

  /** Used heap after a full collection, in MB. */
  double settled() {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed() / 1048576.0;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
