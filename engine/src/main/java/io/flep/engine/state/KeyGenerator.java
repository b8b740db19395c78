package io.flep.engine.state;

/**
 * Keys as Zeebe encodes them: the partition id in the top bits ({@code partition << 51}) plus a
 * counter, so keys look the same to clients as a single-partition cluster's.
 */
public final class KeyGenerator {
  public static final int PARTITION_ID = 1;
  private static final long PARTITION_BITS = (long) PARTITION_ID << 51;

  private long counter;

  /** @param nextKey the next key to hand out (as last persisted), or 0 for a new engine */
  public KeyGenerator(long nextKey) {
    this.counter = nextKey <= 0 ? 1 : nextKey - PARTITION_BITS;
  }

  public long next() {
    return PARTITION_BITS + counter++;
  }

  /** The key {@link #next()} would return, to persist. */
  public long peek() {
    return PARTITION_BITS + counter;
  }
}
