package io.flep.workers.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.camunda.client.CredentialsProvider;
import io.flep.engine.FlepEngine;
import io.flep.engine.query.EngineQueries;
import java.net.URI;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FLEP's own engine ({@link FlepEngine}) embedded in this process: durable in the given PostgreSQL
 * database (schema {@code flep_engine}), reachable only on 127.0.0.1 over the Zeebe gateway gRPC
 * API and the REST monitoring subset. Workers talk to it exclusively through the public {@link CamundaClient}.
 * Without {@link FederationEngineClients} every local caller may do anything; with them every call needs an
 * OAuth 2 token of one of those clients and stays within its permissions.
 *
 * <p>One-shot: an engine that was stopped cannot be started again (build a new one on the same
 * database; it continues where the old one stopped).
 */
public final class EmbeddedEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);

  private final FlepEngine engine;
  private final AutoCloseable ownedDataSource;
  private final FederationEngineClients clients;
  private boolean started;
  private boolean stopped;

  /**
   * @param port the loopback gRPC port to bind, 0 for any free port
   * @param restPort the loopback port of the REST API (monitoring), 0 for any free port
   * @param dataSource the engine's PostgreSQL database
   * @param ownedDataSource closed when the engine stops (the pool made for it), or null
   */
  public EmbeddedEngine(int port, int restPort, DataSource dataSource, AutoCloseable ownedDataSource) {
    this(port, restPort, dataSource, ownedDataSource, null);
  }

  /**
   * @param clients the only clients the engine accepts, each within its permissions; null: no authentication
   */
  public EmbeddedEngine(int port, int restPort, DataSource dataSource, AutoCloseable ownedDataSource,
      FederationEngineClients clients) {
    // every worker of this engine lives in this process or is a party of its federation, started with it: jobs
    // held when it last died are free again
    FlepEngine.Builder builder =
        FlepEngine.builder()
            .dataSource(dataSource)
            .grpcPort(port)
            .restPort(restPort)
            .releaseActivatedJobsOnStart(true);
    if (clients != null) {
      builder.authentication(clients.engineClients());
    }
    this.engine = builder.build();
    this.ownedDataSource = ownedDataSource;
    this.clients = clients;
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

  /**
   * The OAuth 2 token endpoint, the value for {@code camunda.client.auth.token-url}.
   *
   * @throws IllegalStateException if the engine runs without authentication
   */
  public synchronized URI tokenUrl() {
    requireStarted();
    return engine.tokenUrl();
  }

  /** The audience tokens are issued for, the value for {@code camunda.client.auth.audience}. */
  public String audience() {
    return FlepEngine.DEFAULT_AUDIENCE;
  }

  /**
   * A client builder pointed at this engine and acting as {@code clientId} (a party id, or {@link
   * PartyEnginePermissions#ADMIN}) with that client's secret and permissions, through the Camunda client's standard
   * OAuth support; its token cache is the file {@code tokenCache}, which should be in an owner-only directory.
   *
   * @throws IllegalStateException if the engine runs without authentication
   */
  public CamundaClientBuilder newClientBuilder(String clientId, Path tokenCache) {
    if (clients == null) {
      throw new IllegalStateException("this engine runs without authentication: use newClientBuilder()");
    }
    CredentialsProvider credentials = CredentialsProvider.newCredentialsProviderBuilder()
        .clientId(clientId)
        .clientSecret(clients.secretOf(clientId))
        .audience(audience())
        .authorizationServerUrl(tokenUrl().toString())
        .credentialsCachePath(tokenCache.toString())
        .applyEnvironmentOverrides(false)
        .build();
    return newClientBuilder().credentialsProvider(credentials);
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
