package io.flep.workers.db;

import java.io.IOException;

/** Owns the embedded server when there is one, so Spring closes it after the data source. */
public final class EmbeddedPostgresHolder implements AutoCloseable {
  private final EmbeddedPostgresServer server;

  private EmbeddedPostgresHolder(EmbeddedPostgresServer server) {
    this.server = server;
  }

  static EmbeddedPostgresHolder of(EmbeddedPostgresServer server) {
    return new EmbeddedPostgresHolder(server);
  }

  static EmbeddedPostgresHolder none() {
    return new EmbeddedPostgresHolder(null);
  }

  EmbeddedPostgresServer server() {
    if (server == null) {
      throw new IllegalStateException("no embedded PostgreSQL: flep.datasource.url is set");
    }
    return server;
  }

  @Override
  public void close() throws IOException {
    if (server != null) {
      server.close();
    }
  }
}
