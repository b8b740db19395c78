package io.flep.workers.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flep.workers.config.FlepProperties;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The private database: an external PostgreSQL when {@code flep.datasource.url} is set, otherwise an embedded
 * one. Flyway (Spring Boot's auto-configuration) migrates it at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

  /** Started here unless the embedded engine already started it (it needs the database before any bean). */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(EmbeddedPostgresHolder.class)
  EmbeddedPostgresHolder embeddedPostgres(FlepProperties properties) {
    return properties.datasource().external()
        ? EmbeddedPostgresHolder.none()
        : EmbeddedPostgresHolder.of(EmbeddedPostgresServer.start(properties.dataDir()));
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(FlepProperties properties, EmbeddedPostgresHolder embedded) {
    HikariConfig config = new HikariConfig();
    FlepProperties.Datasource external = properties.datasource();
    if (external.external()) {
      config.setJdbcUrl(external.url());
      config.setUsername(external.username());
      config.setPassword(external.password());
    } else {
      EmbeddedPostgresServer server = embedded.server();
      config.setJdbcUrl(server.jdbcUrl());
      config.setUsername(server.username());
      config.setPassword(server.password());
    }
    config.setPoolName("flep-private-db");
    config.setMaximumPoolSize(8);
    // Fail a task within seconds when the database is down, so that the job's retries and the incident
    // message say so, instead of hanging for Hikari's default 30 s per attempt.
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(5_000);
    return new HikariDataSource(config);
  }
}
