package io.flep.workers.db;

import java.io.IOException;

/** Owns the embedded server when there is one, so Spring closes it after the data source. */
public final class EmbeddedPostgresHolder implements AutoCloseable {
  private final EmbeddedPostgresServer server;
  private boolean closed;

  private EmbeddedPostgresHolder(EmbeddedPostgresServer server) {
    this.server = server;
  }

  public static EmbeddedPostgresHolder of(EmbeddedPostgresServer server) {
    return new EmbeddedPostgresHolder(server);
  }

  static EmbeddedPostgresHolder none() {
    return new EmbeddedPostgresHolder(null);
  }

  public String jdbcUrl() {
    return server().jdbcUrl();
  }

  public String username() {
    return server().username();
  }

  /** The application role's password; never log it. */
  public String password() {
    return server().password();
  }

  /** Closes the server, logging instead of throwing (for failed start-ups). */
  public void closeQuietly() {
    try {
      close();
    } catch (IOException | RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(EmbeddedPostgresHolder.class)
          .warn("stopping the embedded PostgreSQL failed: {}", e.toString());
    }
  }

  EmbeddedPostgresServer server() {
    if (server == null) {
      throw new IllegalStateException("no embedded PostgreSQL: flep.datasource.url is set");
    }
    return server;
  }

  @Override
  public synchronized void close() throws IOException {
    if (server != null && !closed) {
      closed = true;
      server.close();
    }
  }
}
