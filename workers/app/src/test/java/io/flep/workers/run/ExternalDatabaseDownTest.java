package io.flep.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.workers.FlepApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An external PostgreSQL (here a separate server process) that goes down mid-run: the task that needs it
 * fails with an incident naming the database, and what was stored before is still there once it is back.
 */
@SpringBootTest(classes = FlepApplication.class)
@DirtiesContext
class ExternalDatabaseDownTest {
  static final Path DATA = TestDirectories.create("extdb-data");
  static final Path PG_DATA = TestDirectories.create("extdb-pg");
  static EmbeddedPostgres external = startExternal(0);
  static final int PORT = external.getPort();

  static EmbeddedPostgres startExternal(int port) {
    try {
      return EmbeddedPostgres.builder().setDataDirectory(PG_DATA).setCleanDataDirectory(false).setPort(port).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("flep.data-dir", DATA::toString);
    registry.add("flep.plugins-dir", () -> DATA.resolve("plugins").toString());
    registry.add("flep.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + PORT + "/postgres");
    registry.add("flep.datasource.username", () -> "postgres");
    registry.add("flep.datasource.password", () -> "");
  }

  @AfterAll
  static void stopExternal() throws IOException {
    external.close();
  }

  @Autowired RunService runs;

  @Test
  void databaseGoingDownStopsTheRunWithAnIncidentAndLosesNothing() throws Exception {
    RunRequest request = RunRequest.builder().analysts(2).minContributors(2).rounds(1).seed(1).build();
    RunService.StartedRun started = runs.start(request);
    external.close();

    RunReport report = runs.follow(started, request, line -> {}, Duration.ofMinutes(3));

    assertThat(report.status()).isEqualTo("FAILED");
    assertThat(report.failure()).contains("private database unavailable");

    external = startExternal(PORT);
    try (Connection connection = external.getPostgresDatabase().getConnection();
        ResultSet rs = connection.createStatement().executeQuery(
            "select status from run where id = '" + started.runId() + "'")) {
      assertThat(rs.next()).as("the run row written before the outage survives").isTrue();
    }
  }
}
