package io.flep.workers.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL of a data directory belongs to one running FLEP process; a server left running by one
 * that is gone is stopped (ServeRestartTest kills a real process for that).
 */
class EmbeddedPostgresServerTest {

  @Test
  void aDataDirectoryInUseIsRefusedAndItsServerKeepsRunning(@TempDir Path dataDir) throws Exception {
    try (EmbeddedPostgresServer running = EmbeddedPostgresServer.start(dataDir)) {
      assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is in use by another running FLEP process");
      assertThat(answers(running)).isTrue();
    }
    try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(dataDir)) {
      assertThat(answers(again)).as("free again once the first one stopped").isTrue();
    }
  }

  @Test
  void aPidFileOfAServerThatIsGoneIsRemoved(@TempDir Path dataDir) throws Exception {
    Path pgData = dataDir.resolve("postgres");
    try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDir)) {
      assertThat(answers(first)).isTrue();
    }
    // the pid of a process that has ended, as a killed server leaves it
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Files.writeString(pgData.resolve("postmaster.pid"), ended.pid() + "\n" + pgData + "\n");
    try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dataDir)) {
      assertThat(answers(second)).isTrue();
    }
  }

  private static boolean answers(EmbeddedPostgresServer server) throws Exception {
    try (Connection db = server.connect();
        ResultSet one = db.createStatement().executeQuery("select 1")) {
      return one.next() && one.getInt(1) == 1;
    }
  }
}
