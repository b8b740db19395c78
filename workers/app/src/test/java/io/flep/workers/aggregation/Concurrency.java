package io.flep.workers.aggregation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Helpers of the ledgers' race tests. */
final class Concurrency {
  private Concurrency() {}

  /** Waits until {@code count} lock requests on {@code table} are waiting (held up by {@code db}'s lock). */
  static void awaitWaitingFor(Connection db, String table, int count) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    try (PreparedStatement waiting = db.prepareStatement(
        "select count(*) from pg_locks where relation = ?::regclass and not granted")) {
      waiting.setString(1, table);
      while (true) {
        try (ResultSet rows = waiting.executeQuery()) {
          rows.next();
          if (rows.getInt(1) >= count) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("not " + count + " transactions waiting for " + table + " after 30 s");
        }
        Thread.sleep(20);
      }
    }
  }
}
