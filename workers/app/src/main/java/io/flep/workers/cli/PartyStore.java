package io.flep.workers.cli;

import io.flep.workers.db.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * A stopped party's store, opened for a command that reads it: the embedded PostgreSQL under its data directory, or
 * the external one {@code -P flep.datasource.url=...} names (password from {@code FLEP_DATASOURCE_PASSWORD}, else
 * from the data directory's own password file when the URL is that party's running store).
 */
final class PartyStore implements AutoCloseable {
  private final EmbeddedPostgresServer postgres;
  private final Connection connection;

  private PartyStore(EmbeddedPostgresServer postgres, Connection connection) {
    this.postgres = postgres;
    this.connection = connection;
  }

  /**
   * @throws IllegalArgumentException if {@code dataDir} holds no party store and no external one is named
   */
  static PartyStore open(Path dataDir, Map<String, String> properties) throws Exception {
    String url = properties.get("flep.datasource.url");
    if (url != null && !url.isBlank()) {
      String password = System.getenv("FLEP_DATASOURCE_PASSWORD");
      if (password == null && onThisMachine(url)) {
        // the party's own running store, reached from the party's account: its password file (never sent to a
        // server on another machine, whatever the URL says)
        password = EmbeddedPostgresServer.applicationPasswordOf(dataDir).orElse("");
      }
      if (password == null) {
        throw new IllegalArgumentException("flep.datasource.url names a database on another machine: give its"
            + " password in the environment variable FLEP_DATASOURCE_PASSWORD");
      }
      return new PartyStore(null, DriverManager.getConnection(url, properties.getOrDefault(
          "flep.datasource.username", "postgres"), password));
    }
    if (!Files.isDirectory(dataDir.resolve("postgres"))) {
      throw new IllegalArgumentException(dataDir + " holds no party store (no postgres/ directory)");
    }
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir);
    try {
      return new PartyStore(postgres, postgres.connect());
    } catch (SQLException | RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  /** Whether a JDBC URL's host is this machine's loopback. */
  static boolean onThisMachine(String url) {
    java.util.regex.Matcher host = java.util.regex.Pattern.compile("^jdbc:postgresql://(\\[[^]]+]|[^:/?,]+)")
        .matcher(url);
    if (!host.find()) {
      return false;
    }
    String name = host.group(1);
    return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]");
  }

  Connection connection() {
    return connection;
  }

  @Override
  public void close() throws Exception {
    try {
      connection.close();
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }
}
