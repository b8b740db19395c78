package io.flep.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes process instances that ended longer ago than the retention, with everything recorded
 * about them (element instances, variables, jobs, incidents, timers, subscriptions, taken flows),
 * so that the database stays bounded. Finished instances are no longer in the engine's memory, so
 * this runs beside the processor on its own connection, in small batches.
 */
public final class RetentionCleaner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionCleaner.class);
  private static final int BATCH = 500;
  private static final String[] CHILD_TABLES = {
    "element_instance", "variable", "job", "incident", "timer", "message_subscription", "taken_flow"
  };

  private final EngineStore store;
  private final Duration retention;
  private final LongSupplier clock;
  private final ScheduledExecutorService scheduler;

  public RetentionCleaner(EngineStore store, Duration retention, LongSupplier clock) {
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative: " + retention);
    }
    this.store = store;
    this.retention = retention;
    this.clock = clock;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(r -> {
          Thread thread = new Thread(r, "flep-engine-retention");
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Runs {@link #cleanUp()} now and then every {@code period}. */
  public RetentionCleaner start(Duration period) {
    scheduler.scheduleWithFixedDelay(this::cleanUpQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void cleanUpQuietly() {
    try {
      int removed = cleanUp();
      if (removed > 0) {
        LOG.info("removed {} process instances that ended more than {} ago", removed, retention);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn("cleaning up ended process instances failed (will retry): {}", e.toString());
    }
  }

  /** Deletes every instance that ended before now minus the retention; returns how many. */
  public int cleanUp() throws SQLException {
    Timestamp cutoff = new Timestamp(clock.getAsLong() - retention.toMillis());
    int total = 0;
    while (true) {
      int removed = cleanUpBatch(cutoff);
      total += removed;
      if (removed < BATCH) {
        return total;
      }
    }
  }

  private int cleanUpBatch(Timestamp cutoff) throws SQLException {
    try (Connection c = store.dataSource().getConnection()) {
      c.setAutoCommit(false);
      List<Long> keys = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "select process_instance_key from " + store.table("process_instance")
                  + " where state in ('COMPLETED', 'TERMINATED') and end_date < ? limit " + BATCH)) {
        s.setTimestamp(1, cutoff);
        try (var r = s.executeQuery()) {
          while (r.next()) {
            keys.add(r.getLong(1));
          }
        }
      }
      if (keys.isEmpty()) {
        c.rollback();
        return 0;
      }
      Long[] array = keys.toArray(Long[]::new);
      for (String table : CHILD_TABLES) {
        try (PreparedStatement s =
            c.prepareStatement(
                "delete from " + store.table(table) + " where process_instance_key = any (?)")) {
          s.setArray(1, c.createArrayOf("bigint", array));
          s.executeUpdate();
        }
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "delete from " + store.table("process_instance") + " where process_instance_key = any (?)")) {
        s.setArray(1, c.createArrayOf("bigint", array));
        s.executeUpdate();
      }
      c.commit();
      return keys.size();
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
