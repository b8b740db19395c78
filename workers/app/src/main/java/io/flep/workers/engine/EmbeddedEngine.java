package io.flep.workers.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.flep.engine.FlepEngine;
import io.flep.engine.query.EngineQueries;
import java.net.URI;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FLEP's own engine ({@link FlepEngine}) embedded in this process: durable in the given PostgreSQL
 * database (schema {@code flep_engine}), reachable only on 127.0.0.1 over the Zeebe gateway gRPC
 * API and the REST monitoring subset. Workers talk to it exclusively through the public {@link CamundaClient}.
 *
 * <p>One-shot: an engine that was stopped cannot be started again (build a new one on the same
 * database; it continues where the old one stopped).
 */
public final class EmbeddedEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);

  private final FlepEngine engine;
  private final AutoCloseable ownedDataSource;
  private boolean started;
  private boolean stopped;

  /**
   * @param port the loopback gRPC port to bind, 0 for any free port
   * @param restPort the loopback port of the REST API (monitoring), 0 for any free port
   * @param dataSource the engine's PostgreSQL database
   * @param ownedDataSource closed when the engine stops (the pool made for it), or null
   */
  public EmbeddedEngine(int port, int restPort, DataSource dataSource, AutoCloseable ownedDataSource) {
    // every worker of this engine lives in this process: jobs held when it last died are free again
    this.engine =
        FlepEngine.builder()
            .dataSource(dataSource)
            .grpcPort(port)
            .restPort(restPort)
            .releaseActivatedJobsOnStart(true)
            .build();
    this.ownedDataSource = ownedDataSource;
  }

  /** An engine on free gRPC and REST ports. */
  public EmbeddedEngine(DataSource dataSource) {
    this(0, 0, dataSource, null);
  }

  /** Binds 127.0.0.1 and starts processing. Idempotent while running. */
  public synchronized EmbeddedEngine start() {
    if (stopped) {
      throw new IllegalStateException("the embedded engine was stopped and cannot be restarted");
    }
    if (!started) {
      engine.start();
      started = true;
    }
    return this;
  }

  /** Stops the gateway and the engine; idempotent. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    engine.close();
    if (ownedDataSource != null) {
      try {
        ownedDataSource.close();
      } catch (Exception e) {
        LOG.warn("closing the engine's database connections failed: {}", e.toString());
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  public synchronized boolean isRunning() {
    return started && !stopped;
  }

  /** The bound port (the real one when 0 was requested). */
  public synchronized int port() {
    requireStarted();
    return engine.grpcPort();
  }

  /** {@code http://127.0.0.1:PORT}, the value for {@code camunda.client.grpc-address}. */
  public URI grpcAddress() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** {@code http://127.0.0.1:PORT} of the REST API, the value for {@code camunda.client.rest-address}. */
  public synchronized URI restAddress() {
    requireStarted();
    return engine.restAddress();
  }

  /** Read-only queries over the engine's state (instances, elements, incidents, jobs, variables). */
  public EngineQueries queries() {
    return engine.queries();
  }

  /**
   * A client builder already pointed at this engine: gRPC only and immune to {@code CAMUNDA_*} /
   * {@code ZEEBE_*} environment overrides.
   */
  public CamundaClientBuilder newClientBuilder() {
    return CamundaClient.newClientBuilder()
        .applyEnvironmentVariableOverrides(false)
        .grpcAddress(grpcAddress())
        .restAddress(restAddress())
        .preferRestOverGrpc(false);
  }

  private synchronized void requireStarted() {
    if (!started || stopped) {
      throw new IllegalStateException("the embedded engine is not running");
    }
  }
}
