package io.flep.workers.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flep.workers.federation.KitEngineClient;
import io.flep.workers.federation.LocalFederation;
import io.flep.workers.federation.PartyProperties;
import io.flep.workers.federation.PartySpec;
import io.flep.workers.config.Roles;
import io.flep.workers.trust.StartupKit;
import io.flep.workers.web.RunRequestJson;
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
        "until Ctrl-C. --kit (the party's startup kit from 'flep federation",
        "enroll') says who the party is, where the engine and the exchange are",
        "unless --engine and --exchange say otherwise, and holds the party's engine",
        "client (its OAuth 2 client credentials) unless -P camunda.client.auth.* say",
        "otherwise."})
public final class PartyCommand implements Callable<Integer> {
  @Option(names = "--kit", paramLabel = "DIR",
      description = "The party's startup kit: its certificate, keys, the federation root and addresses.")
  Path kit;

  @Option(names = "--role", description = "data-owner | analyst | cloud | iiot | auditor (checked against the kit).")
  String role;

  @Option(names = "--id", description = "The party's id (checked against the kit).")
  String id;

  @Option(names = "--engine", paramLabel = "ADDRESS",
      description = "The gateway's gRPC address, e.g. http://127.0.0.1:26500.")
  String engine;

  @Option(names = "--engine-rest", paramLabel = "ADDRESS", description = "The gateway's REST address (monitoring).")
  String engineRest;

  @Option(names = "--exchange", paramLabel = "LOCATION",
      description = "The exchange: a shared directory or s3://bucket/prefix?endpoint=...&region=...&path-style=true.")
  String exchange;

  @Option(names = "--start-run", paramLabel = "FILE",
      description = "Data owner only: sign the run policy of the run options in FILE (JSON, as POST /api/runs takes"
          + " them, e.g. {\"analysts\": 3, \"rounds\": 5}), start the run, follow it, write --report and exit with"
          + " its outcome.")
  Path startRun;

  @Option(names = "--report", paramLabel = "FILE", description = "Where --start-run writes the JSON report.")
  Path report;

  @Option(names = "--timeout-minutes", defaultValue = "60",
      description = "--start-run gives up after this long (default: ${DEFAULT-VALUE}).")
  long timeoutMinutes;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    if (kit == null) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "Missing required option:"
          + " '--kit' — a party joins a federation with the startup kit its admin made ('flep federation enroll"
          + " --role ROLE --id ID --out DIR'); see ./flep party --help");
    }
    StartupKit startupKit = StartupKit.read(kit.toAbsolutePath());
    if ((role != null && !role.equals(startupKit.role())) || (id != null && !id.equals(startupKit.partyId()))) {
      throw new IllegalArgumentException("the startup kit in " + kit + " is for " + startupKit.role() + " '"
          + startupKit.partyId() + "', not " + (role != null ? role : startupKit.role()) + " '"
          + (id != null ? id : startupKit.partyId()) + "'");
    }
    role = startupKit.role();
    String partyId = startupKit.partyId();
    engine = engine != null ? engine : startupKit.settings().get(StartupKit.ENGINE_GRPC);
    engineRest = engineRest != null ? engineRest : startupKit.settings().get(StartupKit.ENGINE_REST);
    exchange = exchange != null ? exchange : startupKit.settings().get(StartupKit.EXCHANGE);
    for (String[] required : new String[][] {{"--engine", engine}, {"--exchange", exchange}}) {
      if (required[1] == null || required[1].isBlank()) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "Missing required option: '"
            + required[0] + "' (the kit in " + kit + " does not say either; see ./flep party --help)");
      }
    }
    RunRequest toStart = null;
    if (startRun != null) {
      if (!Roles.DATA_OWNER.equals(role)) {
        throw new IllegalArgumentException("--start-run is the data owner's: only the data owner starts runs");
      }
      // read and checked before the party starts: a bad option costs nothing
      toStart = RunRequestJson.parse(new ObjectMapper().readTree(startRun.toFile()));
    }
    Map<String, Object> properties = common.toSpringProperties();
    Path dataDir = Path.of(String.valueOf(properties.getOrDefault("flep.data-dir", ".flep"))).toAbsolutePath();
    PartySpec party = new PartySpec(role, partyId, dataDir);
    Map<String, Object> own = PartyProperties.of(party, exchange, engine, engineRest, false, properties);
    if (!properties.containsKey("camunda.client.auth.method")) { // settings of the party's own win
      KitEngineClient.settings(startupKit, engineRest, dataDir).ifPresent(own::putAll);
    }
    own.put("flep.federation.kit", kit.toAbsolutePath().toString());
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
    if (toStart != null) {
      return coordinate(context, toStart);
    }
    stopped.await();
    return 0;
  }

  /** The data owner starts one run, follows it to its end, writes the report and exits. */
  private int coordinate(ConfigurableApplicationContext context, RunRequest request) throws Exception {
    try (context) {
      ObjectMapper json = context.getBean(ObjectMapper.class);
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
}
