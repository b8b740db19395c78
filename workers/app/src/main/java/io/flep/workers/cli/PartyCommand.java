package io.flep.workers.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flep.workers.config.Parties;
import io.flep.workers.federation.LocalFederation;
import io.flep.workers.federation.PartyProperties;
import io.flep.workers.federation.PartySpec;
import io.flep.workers.party.Roles;
import io.flep.workers.run.RunReport;
import io.flep.workers.run.RunRequest;
import io.flep.workers.run.RunService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flep party}: one party's workers, with its own data directory, store and keys, against any gateway. */
@Command(name = "party", mixinStandardHelpOptions = true,
    subcommands = {HoldingsCommand.class},
    description = {"Runs one party of a FLEP federation (the data owner, an analyst, the AI",
        "cloud, the IIoT services or the auditor) with its own data directory,",
        "private store (embedded PostgreSQL under --data-dir unless",
        "flep.datasource.url is set), key-encryption key and identity, against a",
        "Zeebe gateway (FLEP's engine or a Camunda 8 cluster) and the exchange,",
        "until Ctrl-C. --role, --engine and --exchange are required to run one."})
public final class PartyCommand implements Callable<Integer> {
  @Option(names = "--role", description = "data-owner | analyst | cloud | iiot | auditor.")
  String role;

  @Option(names = "--id", description = "The party's id (default: the role's: data-owner, flep-cloud, iiot-services,"
      + " auditor; an analyst needs one, e.g. analyst-1).")
  String id;

  @Option(names = "--engine", paramLabel = "ADDRESS",
      description = "The gateway's gRPC address, e.g. http://127.0.0.1:26500.")
  String engine;

  @Option(names = "--engine-rest", paramLabel = "ADDRESS", description = "The gateway's REST address (monitoring).")
  String engineRest;

  @Option(names = "--exchange", paramLabel = "LOCATION",
      description = "The exchange: a shared directory or s3://bucket/prefix?endpoint=...&region=...&path-style=true.")
  String exchange;

  @Option(names = "--start-run", paramLabel = "FILE", hidden = true,
      description = "Data owner only: start the run described in FILE (a run request as JSON), follow it, write"
          + " --report, exit with its outcome (what ./flep run --processes uses).")
  Path startRun;

  @Option(names = "--report", paramLabel = "FILE", hidden = true, description = "Where --start-run writes the report.")
  Path report;

  @Option(names = "--timeout-minutes", defaultValue = "60", hidden = true)
  long timeoutMinutes;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    for (String[] required : new String[][] {{"--role", role}, {"--engine", engine}, {"--exchange", exchange}}) {
      if (required[1] == null || required[1].isBlank()) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "Missing required option: '" + required[0] + "' (see ./flep party --help)");
      }
    }
    if (!Roles.ALL.contains(role)) {
      throw new IllegalArgumentException("--role must be one of " + Roles.ALL + ", not '" + role + "'");
    }
    String partyId = id != null ? id : defaultId(role);
    Map<String, Object> properties = common.toSpringProperties();
    Path dataDir = Path.of(String.valueOf(properties.getOrDefault("flep.data-dir", ".flep"))).toAbsolutePath();
    PartySpec party = new PartySpec(role, partyId, dataDir);
    Map<String, Object> own = PartyProperties.of(party, exchange, engine, engineRest, false, properties);
    CountDownLatch stopped = new CountDownLatch(1);
    ConfigurableApplicationContext context;
    try {
      context = LocalFederation.startParty(party, own, null, null);
    } catch (RuntimeException e) {
      throw new IllegalStateException(role + " '" + partyId + "' did not start (engine " + engine + ", exchange "
          + exchange + "): " + io.flep.workers.task.OneLine.of(e), e);
    }
    context.addApplicationListener(event -> {
      if (event instanceof ContextClosedEvent) {
        stopped.countDown();
      }
    });
    Runtime.getRuntime().addShutdownHook(new Thread(context::close, "flep-party-stop"));
    System.out.println("flep party: " + role + " " + partyId + " up (data " + dataDir + ", engine " + engine
        + ", exchange " + exchange + ")");
    if (startRun != null) {
      return coordinate(context);
    }
    stopped.await();
    return 0;
  }

  /** The data owner starts one run, follows it to its end, writes the report and exits. */
  private int coordinate(ConfigurableApplicationContext context) throws Exception {
    if (!Roles.DATA_OWNER.equals(role)) {
      throw new IllegalArgumentException("--start-run is the data owner's: only the data owner starts runs");
    }
    try (context) {
      ObjectMapper json = context.getBean(ObjectMapper.class);
      RunRequest request = json.readValue(startRun.toFile(), RunRequest.class);
      RunReport result = context.getBean(RunService.class)
          .execute(request, System.out::println, Duration.ofMinutes(timeoutMinutes));
      if (report != null) {
        Files.createDirectories(report.toAbsolutePath().getParent());
        json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(report.toFile(), result);
      }
      System.out.println("flep party: run " + result.runId() + " " + result.status().toLowerCase(Locale.ROOT));
      return result.completed() ? 0 : 1;
    }
  }

  static String defaultId(String role) {
    return switch (role) {
      case Roles.DATA_OWNER -> Parties.DATA_OWNER;
      case Roles.IIOT -> Parties.IIOT_SERVICES;
      case Roles.AUDITOR -> Parties.AUDITOR;
      case Roles.CLOUD -> "flep-cloud";
      default -> throw new IllegalArgumentException("an " + role + " party needs --id (e.g. --id analyst-1)");
    };
  }
}
