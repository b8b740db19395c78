package io.flep.engine;

import io.flep.engine.gateway.GatewayService;
import io.flep.engine.processing.CommandProcessor;
import io.flep.engine.processing.DmnSupport;
import io.flep.engine.query.EngineQueries;
import io.flep.engine.store.EngineStore;
import io.flep.engine.store.RetentionCleaner;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
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
 * <p>Security: the gateway listens on loopback only and has no authentication yet, so it refuses
 * any other bind address.
 */
public final class FlepEngine implements AutoCloseable {
  /** The Zeebe gateway protocol version this engine speaks (reported in the topology). */
  public static final String PROTOCOL_VERSION = "8.8.14";

  private static final Logger LOG = LoggerFactory.getLogger(FlepEngine.class);

  private final EngineStore store;
  private final InetSocketAddress bind;
  private final DmnSupport dmn;
  private final boolean releaseActivatedJobs;
  private final Duration retention;
  private CommandProcessor processor;
  private RetentionCleaner cleaner;
  private Server server;
  private boolean closed;

  private FlepEngine(Builder builder) {
    this.store = new EngineStore(builder.dataSource, builder.schema);
    this.bind = builder.bind;
    this.dmn = builder.dmn == null ? new io.flep.engine.decision.DmnScalaSupport() : builder.dmn;
    this.releaseActivatedJobs = builder.releaseActivatedJobs;
    this.retention = builder.retention;
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
    server =
        NettyServerBuilder.forAddress(bind)
            .addService(new GatewayService(processor, PROTOCOL_VERSION, () -> port[0]))
            .permitKeepAliveWithoutCalls(true)
            .permitKeepAliveTime(10, TimeUnit.SECONDS)
            .build();
    try {
      server.start();
    } catch (IOException e) {
      processor.close();
      throw new UncheckedIOException(
          "cannot bind the engine's gateway to " + bind.getHostString() + ":" + bind.getPort() + ": " + e.getMessage(), e);
    }
    port[0] = server.getPort();
    cleaner = new RetentionCleaner(store, retention, System::currentTimeMillis).start(Duration.ofMinutes(1));
    LOG.info(
        "FLEP engine ready in {} ms: gRPC gateway on {} (loopback only), state in schema {}",
        (System.nanoTime() - started) / 1_000_000, grpcAddress(), store.schema());
    return this;
  }

  /** The gateway's bound port. */
  public synchronized int grpcPort() {
    requireStarted();
    return server.getPort();
  }

  /** {@code http://127.0.0.1:PORT}, for {@code camunda.client.grpc-address}. */
  public URI grpcAddress() {
    return URI.create("http://" + bind.getAddress().getHostAddress() + ":" + grpcPort());
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
     * The gateway's address. Only loopback addresses are accepted until the gateway has TLS and
     * authentication.
     */
    public Builder grpcAddress(InetSocketAddress address) {
      if (!address.getAddress().isLoopbackAddress()) {
        throw new IllegalArgumentException(
            "the FLEP engine's gateway has no TLS or authentication yet, so it only listens on loopback;"
                + " refusing to bind " + address);
      }
      this.bind = address;
      return this;
    }

    public FlepEngine build() {
      if (dataSource == null) {
        throw new IllegalStateException("the engine needs a dataSource (its PostgreSQL database)");
      }
      return new FlepEngine(this);
    }
  }
}
