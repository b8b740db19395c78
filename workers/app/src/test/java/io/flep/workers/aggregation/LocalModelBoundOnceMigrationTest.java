package io.flep.workers.aggregation;

import static io.flep.workers.testing.SqlRows.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.workers.db.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * V10 on a store where the race it closes already struck: one local model signed for two rounds. The migration keeps
 * both signed contributions (a retried task of either round must get its ciphertext back), leaves the earliest
 * binding the model and records the later one's re-use; from then on the store refuses a third.
 */
class LocalModelBoundOnceMigrationTest {

  @Test
  void contributionsThatAlreadyReusedALocalModelAreKeptAndTheModelStaysBoundToTheEarliest(@TempDir Path dataDir)
      throws Exception {
    UUID model = UUID.randomUUID();
    String key = "ab".repeat(32);
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
      migrate(server, "9");
      try (Connection db = server.connect(); Statement sql = db.createStatement()) {
        for (int round = 1; round <= 2; round++) {
          sql.execute("insert into signed_contribution (he_key, round, analyst, local_model, ciphertext, signed_at)"
              + " values ('" + key + "', " + round + ", 'analyst-1', '" + model + "', '\\x0" + round + "',"
              + " now() - interval '" + (10 - round) + " minutes')");
        }
        sql.execute("insert into signed_contribution (he_key, round, analyst, local_model, ciphertext) values ('"
            + key + "', 1, 'analyst-2', '" + model + "', '\\x03')"); // another analyst: not a re-use
      }

      migrate(server, "latest");

      try (Connection db = server.connect(); Statement sql = db.createStatement()) {
        assertThat(strings(db, "select analyst || ' ' || round || ' ' || coalesce(local_model::text, '-') || ' '"
            + " || coalesce(local_model_reused::text, '-') || ' ' || encode(ciphertext, 'hex') from"
            + " signed_contribution order by analyst, round")).containsExactly(
                "analyst-1 1 " + model + " - 01",
                "analyst-1 2 - " + model + " 02",
                "analyst-2 1 " + model + " - 03");
        assertThatThrownBy(() -> sql.execute("insert into signed_contribution (he_key, round, analyst, local_model,"
            + " ciphertext) values ('" + key + "', 3, 'analyst-1', '" + model + "', '\\x04')"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining(ContributionLedger.LOCAL_MODEL_ONCE);
      }
    }
  }

  private static void migrate(EmbeddedPostgresServer server, String target) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(server.jdbcUrl());
    dataSource.setUser(server.username());
    dataSource.setPassword(server.password());
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load().migrate();
  }
}
