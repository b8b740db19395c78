package io.flep.workers.cli;

import io.flep.engine.FlepEngine;
import io.flep.engine.auth.EngineClients;
import io.flep.engine.auth.TlsIdentity;
import io.flep.workers.engine.StandaloneEngineDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flep engine}: FLEP's engine alone, for workers in other processes or on other machines. */
@Command(name = "engine", mixinStandardHelpOptions = true,
    description = {
        "Runs FLEP's engine alone (Zeebe gateway gRPC API and the REST monitoring API), by default on 127.0.0.1"
            + " without authentication, until Ctrl-C. Workers connect with the standard Camunda client settings"
            + " (camunda.client.grpc-address / rest-address, flep.engine=remote).",
        "Its state lives in the embedded PostgreSQL under the data directory, or in an external database"
            + " (-P flep.engine-datasource.url=... username=... password via FLEP_ENGINE_DATASOURCE_PASSWORD)."},
    subcommands = {EngineBenchCommand.class, EngineSecretCommand.class})
public final class EngineCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "PORT", defaultValue = "26500",
      description = "gRPC port of the Zeebe gateway API (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--rest-port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port of the REST monitoring API (default: ${DEFAULT-VALUE}).")
  int restPort;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".flep",
      description = "Data directory; the embedded PostgreSQL lives in DIR/postgres (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}); any other than loopback needs --clients and"
          + " --tls-keystore.")
  String bind;

  @Option(names = "--clients", paramLabel = "FILE",
      description = "Require OAuth 2 client credentials: the clients, their secret hashes and permissions"
          + " (JSON, docs/engine.md; 'flep federation' keeps one in its engine/clients.json). Read again when it"
          + " changes: a client taken out is refused from then on. Tokens come from /oauth/token on the REST port.")
  Path clients;

  @Option(names = "--tls-keystore", paramLabel = "FILE",
      description = "Serve gRPC and REST over TLS with this PKCS#12 key store; its password is read from the"
          + " environment variable FLEP_ENGINE_TLS_PASSWORD.")
  Path tlsKeyStore;

  @Option(names = {"-P", "--property"}, paramLabel = "KEY=VALUE",
      description = "flep.engine-datasource.url / username for an external PostgreSQL.")
  Map<String, String> properties = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    StandaloneLogging.apply();
    checkPort("--port", port);
    checkPort("--rest-port", restPort);
    System.err.println("flep engine: starting PostgreSQL (the first start initialises " + dataDir.resolve("postgres")
        + " and takes a few seconds) ...");
    StandaloneEngineDatabase database = StandaloneEngineDatabase.open(dataDir, properties);
    FlepEngine engine;
    try {
      engine = builder(database).build().start();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      engine.close();
      database.close();
      System.err.println("flep engine: stopped");
      stopped.countDown();
    }, "flep-engine-shutdown"));
    System.out.println("engine ready: gRPC " + engine.grpcAddress() + "  REST " + engine.restAddress()
        + (clients == null ? "" : "  tokens " + engine.tokenUrl())
        + "  (state in " + database.description() + "; Ctrl-C stops)");
    System.out.flush();
    stopped.await();
    return 0;
  }

  private FlepEngine.Builder builder(StandaloneEngineDatabase database) {
    FlepEngine.Builder builder =
        FlepEngine.builder()
            .dataSource(database.dataSource())
            .grpcAddress(new InetSocketAddress(address(bind), port))
            .restPort(restPort);
    if (clients != null) {
      builder.authentication(EngineClients.watching(clients));
    }
    if (tlsKeyStore != null) {
      String password = System.getenv("FLEP_ENGINE_TLS_PASSWORD");
      if (password == null) {
        throw new IllegalArgumentException(
            "--tls-keystore needs the key store's password in the environment variable FLEP_ENGINE_TLS_PASSWORD");
      }
      builder.tls(TlsIdentity.load(tlsKeyStore, password.toCharArray()));
    }
    return builder;
  }

  private static InetAddress address(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--bind: unknown address '" + host + "'");
    }
  }

  private static void checkPort(String option, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(option + " must be between 0 and 65535, not " + port);
    }
  }
}
