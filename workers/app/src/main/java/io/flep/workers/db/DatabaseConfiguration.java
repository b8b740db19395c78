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
import org.springframework.core.env.Environment;

/**
 * The private database: an external PostgreSQL when {@code flep.datasource.url} is set, otherwise an embedded
 * one. Flyway (Spring Boot's auto-configuration) migrates it at start-up; then the audit chain is put out of reach
 * of the role FLEP logs in as ({@link AuditChainProtection}).
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {
  /** The Camunda client's job-worker threads, each of which may run one task at a time. */
  static final String EXECUTION_THREADS = "camunda.client.execution-threads";
  /** The most worker threads a pool of the private database is sized for (see {@link #poolSize}). */
  static final int MAX_EXECUTION_THREADS = 40;

  /** Started here unless the embedded engine already started it (it needs the database before any bean). */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(EmbeddedPostgresHolder.class)
  EmbeddedPostgresHolder embeddedPostgres(FlepProperties properties) {
    return properties.datasource().external()
        ? EmbeddedPostgresHolder.none()
        : EmbeddedPostgresHolder.of(EmbeddedPostgresServer.start(properties.dataDir()));
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(FlepProperties properties, EmbeddedPostgresHolder embedded, Environment environment) {
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
    config.setMaximumPoolSize(poolSize(environment.getProperty(EXECUTION_THREADS, Integer.class, 1)));
    // Fail a task within seconds when the database is down, so that the job's retries and the incident
    // message say so, instead of hanging for Hikari's default 30 s per attempt.
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(5_000);
    return new HikariDataSource(config);
  }

  /**
   * The pool's size for {@code executionThreads} worker threads: two connections each, and two more. A task holds
   * one connection for its transaction (StageRunner) and, while holding it, takes a second for a transaction of its
   * own whenever it appends to the audit chain (AuditLog, also just before the task commits) or records a signed
   * contribution (ContributionLedger) — one at a time, never nested deeper. With fewer than one spare connection per
   * thread, every thread can hold its task's connection and wait for a second one that never comes free: each task
   * then fails after the connection time-out and is retried into the same jam. The two more are for what runs beside
   * the tasks (the web app, statements, the audit chain's protection at start-up).
   *
   * @throws IllegalStateException if {@code executionThreads} is below 1, or above {@value #MAX_EXECUTION_THREADS}
   *     (the pool would approach PostgreSQL's default of 100 connections, which the engine's pool shares)
   */
  static int poolSize(int executionThreads) {
    if (executionThreads < 1 || executionThreads > MAX_EXECUTION_THREADS) {
      throw new IllegalStateException(EXECUTION_THREADS + "=" + executionThreads + " is not supported: each worker"
          + " thread needs two connections of the private database (its task's and one for the audit chain), so the"
          + " pool is sized 2 x threads + 2, and more than " + MAX_EXECUTION_THREADS + " threads would exceed what"
          + " PostgreSQL accepts by default (100 connections, shared with the engine); choose 1 to "
          + MAX_EXECUTION_THREADS);
    }
    return 2 * executionThreads + 2;
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
