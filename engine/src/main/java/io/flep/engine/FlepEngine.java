package io.flep.engine;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.flep.engine.auth.EngineClients;
import io.flep.engine.auth.GrpcAuthentication;
import io.flep.engine.auth.TlsIdentity;
import io.flep.engine.auth.TokenEndpoint;
import io.flep.engine.auth.TokenService;
import io.flep.engine.gateway.GatewayService;
import io.flep.engine.processing.CommandProcessor;
import io.flep.engine.processing.DmnSupport;
import io.flep.engine.query.EngineQueries;
import io.flep.engine.rest.RestApi;
import io.flep.engine.store.EngineStore;
import io.flep.engine.store.RetentionCleaner;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FLEP's BPMN engine: Zeebe-dialect BPMN and DMN, durable in PostgreSQL, behind the Zeebe gateway
 * gRPC API. Every command is written to the database before it is answered, so an engine killed at
 * any point and started again on the same database continues every run where it was.
 *
 * <pre>{@code
 * try (FlepEngine engine = FlepEngine.builder().dataSource(ds).build().start()) {
 *   CamundaClient client = CamundaClient.newClientBuilder().grpcAddress(engine.grpcAddress())...
 * }
 * }</pre>
 *
 * <p>Security: by default the gateway listens on 127.0.0.1 only, without authentication. With
 * {@link Builder#authentication} every call needs an OAuth 2 bearer token from the engine's token
 * endpoint and is checked against the client's permissions; any address other than loopback is
 * refused unless both authentication and {@link Builder#tls} are configured.
 */
public final class FlepEngine implements AutoCloseable {
  /** The Zeebe gateway protocol version this engine speaks (reported in the topology). */
  public static final String PROTOCOL_VERSION = "8.8.14";

  /** The token audience clients ask for by default ({@code camunda.client.auth.audience}). */
  public static final String DEFAULT_AUDIENCE = "flep-engine";

  private static final Logger LOG = LoggerFactory.getLogger(FlepEngine.class);

  private final EngineStore store;
  private final InetSocketAddress bind;
  private final DmnSupport dmn;
  private final boolean releaseActivatedJobs;
  private final Duration retention;
  private final EngineClients clients;
  private final String audience;
  private final TlsIdentity tls;
  private final int restPort;
  private CommandProcessor processor;
  private HttpServer http;
  private RetentionCleaner cleaner;
  private Server server;
  private boolean closed;

  private FlepEngine(Builder builder) {
    this.store = new EngineStore(builder.dataSource, builder.schema);
    this.bind = builder.bind;
    this.dmn = builder.dmn == null ? new io.flep.engine.decision.DmnScalaSupport() : builder.dmn;
    this.releaseActivatedJobs = builder.releaseActivatedJobs;
    this.retention = builder.retention;
    this.clients = builder.clients;
    this.audience = builder.audience;
    this.tls = builder.tls;
    this.restPort = builder.restPort;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Migrates the schema, loads the stored state, starts processing and binds the gateway. */
  public synchronized FlepEngine start() {
    if (closed) {
      throw new IllegalStateException("this engine was closed; build a new one");
    }
    if (server != null) {
      return this;
    }
    long started = System.nanoTime();
    store.migrate();
    try {
      processor = new CommandProcessor(store, dmn, System::currentTimeMillis, releaseActivatedJobs);
    } catch (SQLException e) {
      throw new IllegalStateException("the engine cannot read its state from the database: " + e.getMessage(), e);
    }
    processor.start();
    int[] port = {bind.getPort()};
    GatewayService gateway = new GatewayService(processor, PROTOCOL_VERSION, () -> port[0]);
    TokenService tokens =
        clients == null ? null : new TokenService(clients, audience, Duration.ofHours(1), System::currentTimeMillis);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(bind)
            .addService(
                tokens == null
                    ? gateway.bindService()
                    : ServerInterceptors.intercept(gateway, new GrpcAuthentication(tokens)))
            .permitKeepAliveWithoutCalls(true)
            .permitKeepAliveTime(10, TimeUnit.SECONDS);
    if (tls != null) {
      builder.sslContext(tls.grpcContext());
    }
    server = builder.build();
    try {
      server.start();
      if (tokens != null || restPort >= 0) {
        http = startHttp(tokens, () -> port[0]);
      }
    } catch (IOException e) {
      server.shutdownNow();
      processor.close();
      throw new UncheckedIOException(
          "cannot bind the engine to " + bind.getHostString() + " (gRPC port " + bind.getPort() + ", REST port "
              + Math.max(restPort, 0) + "): " + e.getMessage(), e);
    }
    port[0] = server.getPort();
    cleaner = new RetentionCleaner(store, retention, System::currentTimeMillis).start(Duration.ofMinutes(1));
    LOG.info(
        "FLEP engine ready in {} ms: gRPC gateway on {}{}, state in schema {}",
        (System.nanoTime() - started) / 1_000_000, grpcAddress(),
        (http == null ? "" : ", REST on " + restAddress())
            + (clients == null ? " (no authentication: loopback only)" : ", tokens from " + tokenUrl()),
        store.schema());
    return this;
  }

  private HttpServer startHttp(TokenService tokens, java.util.function.IntSupplier grpcPort) throws IOException {
    InetSocketAddress address = new InetSocketAddress(bind.getAddress(), Math.max(restPort, 0));
    HttpServer server;
    if (tls != null) {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls.httpContext()));
      server = https;
    } else {
      server = HttpServer.create(address, 0);
    }
    if (tokens != null) {
      server.createContext(TokenEndpoint.PATH, new TokenEndpoint(tokens));
    }
    server.createContext(
        "/v2/", new RestApi(store.dataSource(), store.schema(), processor, tokens, PROTOCOL_VERSION, grpcPort));
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread thread = new Thread(r, "flep-engine-http");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    return server;
  }

  /**
   * The OAuth 2 token endpoint, for {@code camunda.client.auth.token-url}; only when the engine
   * requires authentication.
   */
  public synchronized URI tokenUrl() {
    requireStarted();
    if (http == null || clients == null) {
      throw new IllegalStateException("this engine runs without authentication, so it has no token endpoint");
    }
    return URI.create(httpBase() + TokenEndpoint.PATH);
  }

  /**
   * The REST API's base address ({@code camunda.client.rest-address}); only when the engine serves
   * REST ({@link Builder#restPort}, or authentication).
   */
  public synchronized URI restAddress() {
    requireStarted();
    if (http == null) {
      throw new IllegalStateException("this engine serves no REST API (set Builder.restPort)");
    }
    return URI.create(httpBase());
  }

  private String httpBase() {
    return (tls == null ? "http" : "https") + "://" + hostForUri() + ":" + http.getAddress().getPort();
  }

  private String hostForUri() {
    String host = bind.getAddress().getHostAddress();
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** The gateway's bound port. */
  public synchronized int grpcPort() {
    requireStarted();
    return server.getPort();
  }

  /** {@code http://127.0.0.1:PORT}, for {@code camunda.client.grpc-address}. */
  public URI grpcAddress() {
    return URI.create((tls == null ? "http" : "https") + "://" + hostForUri() + ":" + grpcPort());
  }

  /**
   * Deletes now every process instance that ended longer ago than the retention (this also runs
   * every minute by itself); returns how many were deleted.
   */
  public int cleanUpEndedInstances() {
    requireStarted();
    try {
      return cleaner.cleanUp();
    } catch (SQLException e) {
      throw new IllegalStateException("cleaning up ended instances failed: " + e.getMessage(), e);
    }
  }

  /** Read-only queries over the stored state (instances, elements, incidents, jobs). */
  public EngineQueries queries() {
    return new EngineQueries(store.dataSource(), store.schema());
  }

  public synchronized boolean isRunning() {
    return server != null && !closed;
  }

  private void requireStarted() {
    if (server == null) {
      throw new IllegalStateException("the engine is not started");
    }
  }

  /** Stops the gateway (in-flight calls get a few seconds) and the processor; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (http != null) {
      http.stop(0);
    }
    if (server != null) {
      server.shutdown();
      try {
        if (!server.awaitTermination(3, TimeUnit.SECONDS)) {
          server.shutdownNow();
        }
      } catch (InterruptedException e) {
        server.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (cleaner != null) {
      cleaner.close();
    }
    if (processor != null) {
      processor.close();
    }
    LOG.info("FLEP engine stopped");
  }

  /** Options for {@link FlepEngine}. */
  public static final class Builder {
    private DataSource dataSource;
    private String schema = EngineStore.DEFAULT_SCHEMA;
    private InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 0);
    private DmnSupport dmn;
    private boolean releaseActivatedJobs;
    private Duration retention = Duration.ofDays(7);
    private EngineClients clients;
    private String audience = DEFAULT_AUDIENCE;
    private TlsIdentity tls;
    private int restPort = -1;

    private Builder() {}

    /**
     * How long ended process instances stay queryable (monitoring, REST search) before they and
     * everything recorded about them are deleted; default 7 days.
     */
    public Builder retention(Duration retention) {
      if (retention.isNegative()) {
        throw new IllegalArgumentException("retention must not be negative: " + retention);
      }
      this.retention = retention;
      return this;
    }

    /**
     * Makes jobs that were activated before this start activatable again at once. Right for an
     * engine embedded with all its workers in one process: when the process died, so did every
     * worker holding a job. Default false: a job comes back after its timeout, as in Zeebe.
     */
    public Builder releaseActivatedJobsOnStart(boolean release) {
      this.releaseActivatedJobs = release;
      return this;
    }

    /** The PostgreSQL database holding the engine's state (required). */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** The schema for the engine's tables (default {@value EngineStore#DEFAULT_SCHEMA}). */
    public Builder schema(String schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /** The gRPC port on 127.0.0.1 (default 0: any free port). */
    public Builder grpcPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("gRPC port out of range: " + port);
      }
      this.bind = new InetSocketAddress(bind.getAddress(), port);
      return this;
    }

    /**
     * The gateway's address (default 127.0.0.1, any free port). Any address other than loopback
     * needs {@link #tls} and {@link #authentication}: the engine refuses to start otherwise.
     */
    public Builder grpcAddress(InetSocketAddress address) {
      this.bind = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Requires an OAuth 2 bearer token on every gateway call, issued by the engine's token endpoint
     * ({@link FlepEngine#tokenUrl()}) to these clients, and enforces each client's permissions
     * (commands and job types).
     */
    public Builder authentication(EngineClients clients) {
      this.clients = Objects.requireNonNull(clients, "clients");
      return this;
    }

    /** The audience clients must ask tokens for (default {@value #DEFAULT_AUDIENCE}). */
    public Builder audience(String audience) {
      this.audience = Objects.requireNonNull(audience, "audience");
      return this;
    }

    /** Serves the gateway and the token endpoint over TLS with this identity. */
    public Builder tls(TlsIdentity identity) {
      this.tls = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /**
     * Serves the REST API (the monitoring subset of Camunda 8.8's v2 API, and the token endpoint
     * with authentication) on this port, 0 for any free port. Without this call there is no REST
     * API, unless authentication needs the token endpoint (then on a free port).
     */
    public Builder restPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("REST port out of range: " + port);
      }
      this.restPort = port;
      return this;
    }

    public FlepEngine build() {
      if (dataSource == null) {
        throw new IllegalStateException("the engine needs a dataSource (its PostgreSQL database)");
      }
      if (!bind.getAddress().isLoopbackAddress() && (tls == null || clients == null)) {
        throw new IllegalStateException(
            "refusing to serve the engine on " + bind.getAddress().getHostAddress()
                + " without TLS and authentication: configure both, or stay on loopback (127.0.0.1)");
      }
      return new FlepEngine(this);
    }
  }
}
