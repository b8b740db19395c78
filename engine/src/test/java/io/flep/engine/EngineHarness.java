package io.flep.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One real PostgreSQL per test class (embedded), one engine per schema, and Camunda clients pointed
 * at it: the engine is only ever driven through the unchanged Camunda Java client.
 */
public final class EngineHarness implements AutoCloseable {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  private final EmbeddedPostgres postgres;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private String schema;
  private FlepEngine engine;
  private CamundaClient client;

  public EngineHarness() {
    try {
      postgres = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    schema = "engine_" + SCHEMAS.incrementAndGet();
    start();
  }

  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  /** Starts (or restarts on the same schema) the engine and a fresh client. */
  public EngineHarness start() {
    return start(false);
  }

  /** Starts the engine; {@code releaseActivatedJobs} as {@link FlepEngine.Builder#releaseActivatedJobsOnStart}. */
  public EngineHarness start(boolean releaseActivatedJobs) {
    return start(builder -> builder.releaseActivatedJobsOnStart(releaseActivatedJobs));
  }

  /** Starts the engine with extra options. */
  public EngineHarness start(java.util.function.Consumer<FlepEngine.Builder> options) {
    FlepEngine.Builder builder = FlepEngine.builder().dataSource(dataSource()).schema(schema).restPort(0);
    options.accept(builder);
    engine = builder.build().start();
    client =
        CamundaClient.newClientBuilder()
            .grpcAddress(engine.grpcAddress())
            .restAddress(engine.restAddress())
            .preferRestOverGrpc(false)
            .applyEnvironmentVariableOverrides(false)
            .defaultRequestTimeout(Duration.ofSeconds(20))
            .build();
    return this;
  }

  /** Stops engine and client, keeping the database (to test durability). */
  public void stop() {
    client.close();
    engine.close();
  }

  /** A fresh schema: a brand-new engine on the same server. */
  public EngineHarness fresh() {
    stop();
    schema = "engine_" + SCHEMAS.incrementAndGet();
    return start();
  }

  public FlepEngine engine() {
    return engine;
  }

  public CamundaClient client() {
    return client;
  }

  public DeploymentEvent deploy(String name, String xml) {
    return client.newDeployResourceCommand()
        .addResourceBytes(xml.getBytes(StandardCharsets.UTF_8), name)
        .send()
        .join();
  }

  @Override
  public void close() throws Exception {
    stop();
    postgres.close();
  }
}
