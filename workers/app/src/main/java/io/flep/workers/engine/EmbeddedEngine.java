package io.flep.workers.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.CamundaClientBuilder;
import io.camunda.zeebe.process.test.api.RecordStreamSource;
import io.camunda.zeebe.process.test.engine.InMemoryEngine;
import io.camunda.zeebe.process.test.engine.LoopbackEngineFactory;
import io.camunda.zeebe.protocol.record.Record;
import java.net.URI;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory Camunda 8 engine (zeebe-process-test 8.8), reachable only on 127.0.0.1 over gRPC.
 * Workers talk to it exclusively through the public {@link CamundaClient}; it has no REST API, no
 * exporters (no Operate) and no authentication.
 *
 * <p>Memory: the engine keeps its whole log in memory and never truncates it, and {@link
 * #recordStream()} keeps a decoded copy of every record read so far. Memory therefore grows with
 * every command/event for the lifetime of the process; restart the process between large batches.
 *
 * <p>One-shot: an engine that was stopped cannot be started again.
 */
public final class EmbeddedEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);

  private final int requestedPort;
  private final Object recordLock = new Object();
  private InMemoryEngine engine;
  private int port = -1;
  private boolean stopped;

  /** @param port the loopback port to bind, 0 for any free port */
  public EmbeddedEngine(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    this.requestedPort = port;
  }

  /** Binds 127.0.0.1 and starts processing. Idempotent while running. */
  public synchronized EmbeddedEngine start() {
    if (stopped) {
      throw new IllegalStateException("the embedded engine was stopped and cannot be restarted");
    }
    if (engine == null) {
      InMemoryEngine created = LoopbackEngineFactory.create(requestedPort);
      try {
        created.start();
      } catch (RuntimeException e) {
        created.stop();
        throw e;
      }
      engine = created;
      port = Integer.parseInt(created.getGatewayAddress().replaceAll(".*:", ""));
      LOG.info("Embedded Camunda engine listening on {} (loopback only, no authentication)", grpcAddress());
    }
    return this;
  }

  /** Stops the gRPC server and the engine; idempotent. */
  public synchronized void stop() {
    if (engine != null && !stopped) {
      stopped = true;
      engine.stop();
      LOG.info("Embedded Camunda engine on port {} stopped", port);
    }
    stopped = true;
  }

  @Override
  public void close() {
    stop();
  }

  public synchronized boolean isRunning() {
    return engine != null && !stopped;
  }

  /** The bound port (the real one when 0 was requested). */
  public synchronized int port() {
    requireStarted();
    return port;
  }

  /** {@code http://127.0.0.1:PORT}, the value for {@code camunda.client.grpc-address}. */
  public URI grpcAddress() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /**
   * A client builder already pointed at this engine: gRPC only (REST must not be preferred, the
   * engine has none) and immune to {@code CAMUNDA_*} / {@code ZEEBE_*} environment overrides.
   */
  public CamundaClientBuilder newClientBuilder() {
    URI address = grpcAddress();
    return CamundaClient.newClientBuilder()
        .applyEnvironmentVariableOverrides(false)
        .grpcAddress(address)
        .restAddress(address)
        .preferRestOverGrpc(false);
  }

  /**
   * All records written so far. Thread-safe: each call returns a fixed-size snapshot view of the
   * append-only log (the engine's own view is a live list that must not be iterated while another
   * thread reads new records).
   */
  public RecordStreamSource recordStream() {
    RecordStreamSource raw = rawRecordStream();
    return () -> {
      synchronized (recordLock) {
        Iterable<Record<?>> live = raw.getRecords();
        if (!(live instanceof List<Record<?>> list)) {
          List<Record<?>> copy = new ArrayList<>();
          live.forEach(copy::add);
          return List.copyOf(copy);
        }
        int size = list.size();
        return new AbstractList<Record<?>>() {
          @Override
          public Record<?> get(int index) {
            Objects.checkIndex(index, size);
            synchronized (recordLock) {
              return list.get(index);
            }
          }

          @Override
          public int size() {
            return size;
          }
        };
      }
    };
  }

  /** Waits until the engine has processed everything written to its log so far. */
  public void waitForIdleState(Duration timeout) throws InterruptedException, TimeoutException {
    current().waitForIdleState(timeout);
  }

  private RecordStreamSource rawRecordStream() {
    return current().getRecordStreamSource();
  }

  private synchronized InMemoryEngine current() {
    requireStarted();
    return engine;
  }

  private void requireStarted() {
    if (engine == null) {
      throw new IllegalStateException("the embedded engine is not started");
    }
  }
}
