package io.flep.workers.cli;

import io.flep.engine.FlepEngine;
import io.flep.workers.engine.StandaloneEngineDatabase;
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
        "Runs FLEP's engine alone (Zeebe gateway gRPC API and the REST monitoring API) on 127.0.0.1 until"
            + " Ctrl-C. Workers connect with the standard Camunda client settings"
            + " (camunda.client.grpc-address / rest-address, flep.engine=remote).",
        "Its state lives in the embedded PostgreSQL under the data directory, or in an external database"
            + " (-P flep.engine-datasource.url=... username=... password via FLEP_ENGINE_DATASOURCE_PASSWORD)."},
    subcommands = EngineBenchCommand.class)
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
      engine = FlepEngine.builder().dataSource(database.dataSource()).grpcPort(port).restPort(restPort).build()
          .start();
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
        + "  (state in " + database.description() + "; Ctrl-C stops)");
    System.out.flush();
    stopped.await();
    return 0;
  }

  private static void checkPort(String option, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(option + " must be between 0 and 65535, not " + port);
    }
  }
}
