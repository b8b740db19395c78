package io.flep.workers.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flep.workers.config.FlepProperties;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The private database: an external PostgreSQL when {@code flep.datasource.url} is set, otherwise an embedded
 * one. Flyway (Spring Boot's auto-configuration) migrates it at start-up; then the audit chain is put out of reach
 * of the role FLEP logs in as ({@link AuditChainProtection}).
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

  /**
   * Flyway's migration, followed by the audit chain's protection: checked as the application role and, in the
   * embedded store, put right as its superuser; in an external database, a warning says what is missing.
   */
  @Bean
  FlywayMigrationStrategy migrateThenProtectTheAuditChain(FlepProperties properties, EmbeddedPostgresHolder embedded,
      DataSource dataSource) {
    return flyway -> {
      flyway.migrate();
      try {
        AuditChainProtection.afterMigration(dataSource,
            properties.datasource().external() ? null : () -> embedded.server().connectAsSuperuser());
      } catch (SQLException e) {
        throw new IllegalStateException("could not protect the audit chain from the application role: "
            + e.getMessage(), e);
      }
    };
  }
}
