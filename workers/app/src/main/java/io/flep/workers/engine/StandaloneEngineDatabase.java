package io.flep.workers.engine;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flep.workers.db.EmbeddedPostgresHolder;
import io.flep.workers.db.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The database of an engine running alone ({@code flep engine}): the embedded PostgreSQL under the
 * data directory, or an external one ({@code flep.engine-datasource.url/username}, the password
 * from the environment variable {@code FLEP_ENGINE_DATASOURCE_PASSWORD}, never from the command line).
 */
public final class StandaloneEngineDatabase implements AutoCloseable {
  private final HikariDataSource pool;
  private final EmbeddedPostgresHolder postgres;
  private final String description;

  private StandaloneEngineDatabase(HikariDataSource pool, EmbeddedPostgresHolder postgres, String description) {
    this.pool = pool;
    this.postgres = postgres;
    this.description = description;
  }

  public static StandaloneEngineDatabase open(Path dataDir, Map<String, String> properties) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("flep-engine-db");
    config.setMaximumPoolSize(6);
    config.setConnectionTimeout(5_000);
    String url = properties.get("flep.engine-datasource.url");
    if (url != null && !url.isBlank()) {
      config.setJdbcUrl(url);
      config.setUsername(properties.getOrDefault("flep.engine-datasource.username", "postgres"));
      String password = System.getenv("FLEP_ENGINE_DATASOURCE_PASSWORD");
      if (password != null) {
        config.setPassword(password);
      }
      return new StandaloneEngineDatabase(new HikariDataSource(config), null, url);
    }
    EmbeddedPostgresHolder postgres = EmbeddedPostgresHolder.of(EmbeddedPostgresServer.start(dataDir));
    try {
      config.setJdbcUrl(postgres.jdbcUrl());
      config.setUsername(postgres.username());
      config.setPassword(postgres.password());
      return new StandaloneEngineDatabase(
          new HikariDataSource(config), postgres, "the embedded PostgreSQL under " + dataDir.resolve("postgres"));
    } catch (RuntimeException e) {
      postgres.closeQuietly();
      throw e;
    }
  }

  public DataSource dataSource() {
    return pool;
  }

  public String description() {
    return description;
  }

  @Override
  public void close() {
    pool.close();
    if (postgres != null) {
      postgres.closeQuietly();
    }
  }
}
