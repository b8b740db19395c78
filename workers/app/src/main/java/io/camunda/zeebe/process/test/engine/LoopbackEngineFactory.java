package io.camunda.zeebe.process.test.engine;

import io.camunda.search.clients.SearchClientsProxy;
import io.camunda.security.auth.BrokerRequestAuthorizationConverter;
import io.camunda.security.configuration.SecurityConfiguration;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.engine.EngineConfiguration;
import io.camunda.zeebe.engine.processing.EngineProcessors;
import io.camunda.zeebe.engine.processing.message.command.SubscriptionCommandSender;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.process.test.engine.db.InMemoryDbFactory;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.util.FeatureFlags;
import io.grpc.HandlerRegistry;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the zeebe-process-test {@link InMemoryEngine} with its gRPC gateway bound to 127.0.0.1 only.
 *
 * <p>Why this class lives in a foreign package: {@code EngineFactory.create(port)} binds the gateway
 * on all interfaces without authentication, and the gateway ({@code GrpcToLogStreamGateway}) and
 * its collaborators are package-private, so a loopback-only engine can only be assembled from
 * inside {@code io.camunda.zeebe.process.test.engine}. Written against zeebe-process-test-engine
 * 8.8.x; revisit this class whenever that version changes.
 *
 * <p>The server is bound before the gateway is created so that port 0 works: the gateway learns
 * the real port (it reports it in the topology).
 */
public final class LoopbackEngineFactory {

  private static final int PARTITION_ID = 1;
  private static final int PARTITION_COUNT = 1;

  private LoopbackEngineFactory() {}

  /**
   * Binds 127.0.0.1:{@code port} (0 = any free port) and assembles the engine around it; call
   * {@link InMemoryEngine#start()} to begin processing. Requests arriving before that just wait.
   */
  public static InMemoryEngine create(int port) {
    // Bind first (on loopback), plug the gateway into the registry once the real port is known.
    LateRegistry services = new LateRegistry();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(loopback(), port))
            .fallbackHandlerRegistry(services)
            .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the embedded engine to 127.0.0.1:" + port, e);
    }
    try {
      return assemble(server, services);
    } catch (RuntimeException | Error e) {
      server.shutdownNow();
      throw e;
    }
  }

  private static InMemoryEngine assemble(Server server, LateRegistry services) {
    ControlledActorClock clock = new ControlledActorClock();
    ActorScheduler scheduler = ActorScheduler.newActorScheduler().setActorClock(clock).build();
    scheduler.start();

    InMemoryLogStorage logStorage = new InMemoryLogStorage();
    LogStream logStream =
        LogStream.builder()
            .withPartitionId(PARTITION_ID)
            .withLogStorage(logStorage)
            .withClock(clock)
            .withMeterRegistry(new SimpleMeterRegistry())
            .build();
    CommandWriter writer = new CommandWriter(logStream.newLogStreamWriter());
    CommandSender commandSender = new CommandSender(writer);
    GatewayRequestStore requests = new GatewayRequestStore();
    InMemoryJobStreamer jobStreamer = new InMemoryJobStreamer(writer);

    GrpcToLogStreamGateway gateway =
        new GrpcToLogStreamGateway(
            writer, PARTITION_ID, PARTITION_COUNT, server.getPort(), requests, jobStreamer);
    services.gateway = gateway.bindService();

    ZeebeDb<ZbColumnFamilies> db = new InMemoryDbFactory<ZbColumnFamilies>().createDb();
    SecurityConfiguration security = new SecurityConfiguration();
    security.getAuthorizations().setEnabled(false);
    StreamProcessor processor =
        StreamProcessor.builder()
            .logStream(logStream)
            .zeebeDb(db)
            .commandResponseWriter(new GrpcResponseWriter(gateway, requests, null))
            .partitionCommandSender(commandSender)
            .recordProcessors(
                List.of(
                    new Engine(
                        ctx ->
                            EngineProcessors.createEngineProcessors(
                                ctx,
                                PARTITION_COUNT,
                                new SubscriptionCommandSender(ctx.getPartitionId(), commandSender),
                                commandSender,
                                FeatureFlags.createDefault(),
                                jobStreamer,
                                SearchClientsProxy.noop(),
                                new BrokerRequestAuthorizationConverter(security)),
                        new EngineConfiguration(),
                        security)))
            .actorSchedulingService(scheduler)
            .clock(new ControllableStreamClockImpl(clock))
            .meterRegistry(new SimpleMeterRegistry())
            .build();

    return new InMemoryEngine(
        new AlreadyStarted(server),
        processor,
        gateway,
        db,
        logStream,
        scheduler,
        new RecordStreamSourceImpl(logStream.newLogStreamReader(), PARTITION_ID),
        clock,
        new EngineStateMonitor(logStorage, processor));
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Serves the gateway once it exists (it needs the bound port, so it is created after binding). */
  private static final class LateRegistry extends HandlerRegistry {
    private volatile ServerServiceDefinition gateway;

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
      ServerServiceDefinition service = gateway;
      return service == null ? null : service.getMethod(methodName);
    }
  }

  /** The engine calls {@code start()} itself; our server is already bound, so that call is a no-op. */
  private static final class AlreadyStarted extends Server {
    private final Server delegate;

    AlreadyStarted(Server delegate) {
      this.delegate = delegate;
    }

    @Override
    public Server start() {
      return this;
    }

    @Override
    public int getPort() {
      return delegate.getPort();
    }

    @Override
    public List<? extends SocketAddress> getListenSockets() {
      return delegate.getListenSockets();
    }

    @Override
    public Server shutdown() {
      delegate.shutdown();
      return this;
    }

    @Override
    public Server shutdownNow() {
      delegate.shutdownNow();
      return this;
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public void awaitTermination() throws InterruptedException {
      delegate.awaitTermination();
    }
  }
}
