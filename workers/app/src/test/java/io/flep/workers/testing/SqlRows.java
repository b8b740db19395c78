package io.flep.workers.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The first column of a query's rows, as tests that inspect a store over plain JDBC read them. */
public final class SqlRows {
  private SqlRows() {}

  public static List<String> strings(Connection db, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  /** The one value the query returns (the test fails if it returns none or several). */
  public static String string(Connection db, String query) throws SQLException {
    List<String> values = strings(db, query);
    assertThat(values).as(query).hasSize(1);
    return values.get(0);
  }
}
