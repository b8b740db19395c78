package io.flep.workers.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flep.plugin.api.PluginDescriptor;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.evaluation.PlaintextEvaluation;
import io.flep.workers.federation.LocalFederation;
import io.flep.workers.federation.ProcessFederation;
import io.flep.workers.federation.PartySpec;
import io.flep.workers.policy.RunPolicy;
import io.flep.workers.privacy.DifferentialPrivacy;
import io.flep.workers.privacy.RunPrivacy;
import io.flep.workers.run.RunReport;
import io.flep.workers.run.RunPolicyRules;
import io.flep.workers.run.RunRequest;
import io.flep.workers.web.RunRequestJson;
import io.flep.workers.run.RunService;
import io.flep.workers.task.PluginDefaults;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flep run}: one lifecycle run from generated data to a served model, then exit. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs the FLEP lifecycle once: generate, store, encrypt, share keys, analyze (per analyst),",
        "secure model, trust decision, aggregate, serve; federated rounds until --rounds or --target-accuracy.",
        "Exits 0 when every stage completed, 1 otherwise (the reason in one line on stderr)."})
public final class RunCommand implements Callable<Integer> {
  @Option(names = "--analysts", defaultValue = "3", description = "Data analysts, one IID shard each (default: ${DEFAULT-VALUE}).")
  int analysts;

  @Option(names = "--rounds", defaultValue = "5", description = "Federated rounds at most (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--cloud", defaultValue = "untrusted",
      description = "trusted | untrusted | policy (the DMN cloud-trust decides) (default: ${DEFAULT-VALUE}).")
  String cloud;

  @Option(names = "--target-accuracy", defaultValue = "1.0",
      description = "Stop early once the global model reaches this accuracy (default: ${DEFAULT-VALUE}, i.e. all rounds).")
  double targetAccuracy;

  @Option(names = "--images", paramLabel = "DIR",
      description = "Folder of labelled images <label>/<image>.png (default: the shipped handwritten digits).")
  String images;

  @Option(names = "--data-cipher", paramLabel = "ID", description = "Data-cipher plugin (default: the task header, aes-gcm).")
  String dataCipher;

  @Option(names = "--cipher-option", paramLabel = "KEY=VALUE",
      description = "Data-cipher plugin option for this run, repeatable, e.g. --data-cipher flep-3layer"
          + " --cipher-option denoiser=dncnn (overrides the task header dataCipher.KEY).")
  Map<String, String> cipherOptions = new LinkedHashMap<>();

  @Option(names = "--min-contributors", paramLabel = "K", defaultValue = "" + RunRequest.DEFAULT_MIN_CONTRIBUTORS,
      description = "Decrypt only aggregates of at least K analysts' updates (default: ${DEFAULT-VALUE}).")
  int minContributors;

  @Option(names = "--round-deadline", paramLabel = "DURATION", defaultValue = RunPolicy.DEFAULT_ROUND_DEADLINE,
      description = "How long a round waits for the analysts' updates, ISO-8601 (PT30S, PT10M, PT1H): it closes when"
          + " all have contributed, or once this has passed with at least K of them; the others are skipped for that"
          + " round and named in the report. Fewer than K by then: the run ends as aggregation refused"
          + " (default: ${DEFAULT-VALUE}).")
  String roundDeadline;

  @Option(names = "--dp-noise", paramLabel = "Z", defaultValue = "0",
      description = "DP-FedAvg: noise multiplier z of the Gaussian noise on each round's sum (0 = off, the default);"
          + " the report states the resulting epsilon.")
  double dpNoise;

  @Option(names = "--dp-clip", paramLabel = "C", defaultValue = "" + RunPrivacy.DEFAULT_CLIP_NORM,
      description = "DP-FedAvg: L2 norm each analyst's update is clipped to (default: ${DEFAULT-VALUE}).")
  double dpClip;

  @Option(names = "--dp-delta", paramLabel = "D", defaultValue = "" + RunPrivacy.DEFAULT_DELTA,
      description = "DP-FedAvg: delta of the (epsilon, delta) guarantee (default: ${DEFAULT-VALUE}).")
  double dpDelta;

  @Option(names = "--he-scheme", paramLabel = "ID", description = "Homomorphic scheme plugin (default: the task header, paillier).")
  String heScheme;

  @Option(names = "--he-option", paramLabel = "KEY=VALUE",
      description = "HE-scheme key option for this run, repeatable, e.g. --he-option threshold=2 (a 2-of-3 threshold"
          + " key shared by the IIoT services, the auditor and the cloud; overrides the task header heScheme.KEY).")
  Map<String, String> heOptions = new LinkedHashMap<>();

  @Option(names = "--seed", defaultValue = "42", description = "Seed for the data split and training (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON run report here.")
  Path report;

  @Option(names = "--timeout-minutes", defaultValue = "60", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
  long timeoutMinutes;

  @Option(names = "--reproduction",
      description = "Reproduce the paper: the run policy allows data ciphers marked not-secure (flep-3layer); the"
          + " report and logs say so. Never for real data.")
  boolean reproduction;

  @Option(names = "--processes",
      description = "Start every party as its own OS process (own JVM, own data directory) instead of one context"
          + " each in this process; the report is the same, without the plaintext comparisons of evaluation mode.")
  boolean processes;

  @Mixin CommonOptions common;

  private static final String KEY_ENCRYPTION_KEY_FILE = "flep.key-encryption-key-file";

  @Override
  public Integer call() throws Exception {
    RunRequest request = RunRequest.builder().analysts(analysts).rounds(rounds).cloudMode(cloud)
        .targetAccuracy(targetAccuracy).dataSource(images).dataCipher(dataCipher).heScheme(heScheme).seed(seed)
        .dataCipherOptions(cipherOptions).minContributors(minContributors)
        .differentialPrivacy(dpNoise == 0 ? null : new DifferentialPrivacy(dpNoise, dpClip, dpDelta))
        .heSchemeOptions(heOptions).reproduction(reproduction)
        .roundDeadline(RunPolicy.parseRoundDeadline(roundDeadline, "--round-deadline")).build();
    checkPluginOptions(request);
    StandaloneLogging.apply(); // the engine's database starts before any party configures logging
    PrintStream out = System.out;
    out.println("flep run: " + analysts + " analysts, up to " + rounds + " rounds, " + request.cloudMode() + " cloud");
    if (System.getProperty(KEY_ENCRYPTION_KEY_FILE) != null) {
      // one key-encryption key belongs to one party: the run's parties each make their own in their directory
      System.err.println("flep: FLEP_KEY_ENCRYPTION_KEY / " + KEY_ENCRYPTION_KEY_FILE + " is one party's key;"
          + " ./flep run gives each of its parties a key of its own in its data directory and ignores it");
      System.clearProperty(KEY_ENCRYPTION_KEY_FILE);
    }
    String cloudParty = common.properties.getOrDefault("flep.cloud.id", "flep-cloud");
    if (!"untrusted".equals(request.cloudMode())) {
      // these parties are all yours: the IIoT services trust your cloud when the run's policy does
      common.properties.putIfAbsent("flep.cloud.trusted-partners", cloudParty);
    }
    Map<String, Object> properties = new LinkedHashMap<>(common.toSpringProperties());
    properties.remove(KEY_ENCRYPTION_KEY_FILE);
    Path root = Path.of(String.valueOf(properties.getOrDefault("flep.data-dir", ".flep"))).toAbsolutePath();
    properties.remove("flep.data-dir");
    properties.putIfAbsent("logging.file.name", root.resolve("logs").resolve("flep.log").toString());
    String cloudId = String.valueOf(properties.getOrDefault("flep.cloud.id", "flep-cloud"));
    List<PartySpec> parties = PartySpec.forRun(root, cloudId, request.analystIds());
    out.println("starting the engine and " + parties.size() + " parties, each with its own store and keys, under "
        + root + " ...");
    RunReport result;
    if (processes) {
      result = runInProcesses(root, parties, request, out);
      printSummary(out, result);
      return result.completed() ? 0 : failed(result);
    }
    // evaluation mode: the parties of this one process hand plaintexts to an in-memory evaluator for the report
    PlaintextEvaluation evaluation = new PlaintextEvaluation();
    try (LocalFederation federation = LocalFederation.start(root, parties, properties, evaluation, out::println)) {
      ConfigurableApplicationContext coordinator = federation.coordinator();
      warnIfNotSecure(coordinator.getBean(PluginRegistry.class), dataCipher);
      result = coordinator.getBean(RunService.class)
          .execute(request, out::println, Duration.ofMinutes(timeoutMinutes))
          .withParties(parties.stream().map(p -> new RunReport.Party(p.role(), p.id(), p.dataDir().toString(), null))
              .toList());
      if (report != null) {
        writeReport(coordinator.getBean(ObjectMapper.class), result);
      }
    }
    printSummary(out, result);
    if (!result.completed()) {
      System.err.println("flep: run " + result.status().toLowerCase(Locale.ROOT) + ": "
          + (result.failure() != null ? result.failure() : "outcome " + result.outcome()));
      return 1;
    }
    return 0;
  }

  private static int failed(RunReport result) {
    System.err.println("flep: run " + result.status().toLowerCase(Locale.ROOT) + ": "
        + (result.failure() != null ? result.failure() : "outcome " + result.outcome()));
    return 1;
  }

  /** Every party as its own process; the data owner's starts and follows the run and writes the report. */
  private RunReport runInProcesses(Path root, List<PartySpec> parties, RunRequest request, PrintStream out)
      throws Exception {
    List<String> arguments = new java.util.ArrayList<>();
    Map<String, String> secretSettings = new LinkedHashMap<>();
    common.properties.forEach((k, v) -> {
      if (k.equals(KEY_ENCRYPTION_KEY_FILE)) {
        return;
      }
      if (k.toLowerCase(Locale.ROOT).matches(".*(password|secret|credential|token).*")) {
        secretSettings.put(k, v); // never on a command line: the party processes get it in their environment
      } else {
        arguments.addAll(List.of("-P", k + "=" + v));
      }
    });
    if (common.pluginsDir != null) {
      arguments.addAll(List.of("--plugins-dir", common.pluginsDir.toAbsolutePath().toString()));
    }
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    Path requestFile = root.resolve("run-request.json");
    Path reportFile = report != null ? report.toAbsolutePath() : root.resolve("run-report.json");
    Files.createDirectories(root);
    json.writeValue(requestFile.toFile(), RunRequestJson.write(request));
    Files.deleteIfExists(reportFile);
    try (ProcessFederation federation = ProcessFederation.start(root, parties, arguments, secretSettings,
        out::println)) {
      federation.coordinate(root, parties.get(0), arguments, requestFile, reportFile, timeoutMinutes, out::println);
      if (!Files.exists(reportFile)) {
        throw new IllegalStateException("the data owner's process ended without a report; see "
            + parties.get(0).dataDir().resolve("party.out"));
      }
      RunReport result = json.readValue(reportFile.toFile(), RunReport.class);
      Map<PartySpec, Long> pids = federation.pids();
      result = result.withParties(parties.stream().map(p -> new RunReport.Party(p.role(), p.id(),
          p.dataDir().toString(), pids.get(p))).toList());
      json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(reportFile.toFile(), result);
      return result;
    }
  }

  /**
   * Validates --cipher-option and --he-option against the chosen (or default) plugins' declared parameters before
   * anything starts, so a typo costs no run. A plugin that is not installed is left to the run to report.
   */
  private void checkPluginOptions(RunRequest request) {
    try (PluginRegistry plugins = PluginRegistry.load(common.pluginsDir(), RunCommand.class.getClassLoader())) {
      String cipherId = dataCipher != null ? dataCipher : PluginDefaults.DATA_CIPHER;
      if (plugins.descriptor(cipherId).filter(d -> d.kind().isDataCipher()).isPresent()) {
        plugins.parameters(cipherId).validate(cipherId, cipherOptions, "--cipher-option");
      }
      String schemeId = heScheme != null ? heScheme : PluginDefaults.HE_SCHEME;
      if (plugins.descriptor(schemeId).isPresent()) {
        plugins.homomorphicScheme(schemeId).parameters().validate(schemeId, heOptions, "--he-option");
      }
      RunPolicyRules.check(request, plugins);
    }
  }

  private static void warnIfNotSecure(PluginRegistry plugins, String id) {
    if (id != null) {
      plugins.descriptor(id).filter(PluginDescriptor::notSecure).ifPresent(d ->
          System.err.println("flep: warning: paper reproduction: data cipher " + id + " does not protect data. "
              + d.securityNote()));
    }
  }

  private void writeReport(ObjectMapper json, RunReport result) throws java.io.IOException {
    Path parent = report.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(report.toFile(), result);
  }

  private void printSummary(PrintStream out, RunReport result) {
    out.println();
    out.printf(Locale.ROOT, "%-14s %-10s %10s%n", "stage", "status", "time");
    for (RunReport.Stage stage : result.stages()) {
      out.printf(Locale.ROOT, "%-14s %-10s %7d ms%n", stage.name(), stage.status(), stage.ms());
    }
    out.println();
    if (!result.rounds().isEmpty()) {
      out.printf(Locale.ROOT, "%-6s %-9s %-10s %-31s %s%n", "round", "accuracy", "path",
          "max |diff| vs plaintext FedAvg", "plaintext FedAvg accuracy");
      for (RunReport.Round round : result.rounds()) {
        out.printf(Locale.ROOT, "%-6d %-9.4f %-10s %-31s %s%n", round.round(), round.accuracy(), round.path(),
            round.maxAbsDiffVsPlaintextFedAvg() == null ? "-" : String.format(Locale.ROOT, "%.2e",
                round.maxAbsDiffVsPlaintextFedAvg()),
            round.plaintextAccuracy() == null ? "-" : String.format(Locale.ROOT, "%.4f", round.plaintextAccuracy()));
      }
      out.println();
    }
    if (result.participation().stream().anyMatch(p -> !p.missed().isEmpty())) {
      // the rounds some analyst missed: who contributed, who was skipped after the round deadline
      out.printf(Locale.ROOT, "%-6s %-8s %-40s %s%n", "round", "closed", "contributors", "missed the round deadline");
      for (RunReport.Participation p : result.participation()) {
        out.printf(Locale.ROOT, "%-6d %-8s %-40s %s%n", p.round(), p.refused() ? "refused" : "closed",
            String.join(", ", p.contributors()), p.missed().isEmpty() ? "-" : String.join(", ", p.missed()));
      }
      out.println();
    }
    if (!result.decryption().isEmpty()) {
      // an analyst decrypts again only after a worker restart, with the same result: one line each
      out.printf(Locale.ROOT, "%-12s %-7s %s%n", "analyst", "images", "decrypted PSNR vs plaintext");
      Set<String> shown = new HashSet<>();
      for (RunReport.Decryption d : result.decryption()) {
        if (!shown.add(d.analyst())) {
          continue;
        }
        out.printf(Locale.ROOT, "%-12s %-7d %s%n", d.analyst(), d.images(), d.psnrDb() != null ? String.format(Locale.ROOT, "%.2f dB", d.psnrDb())
                : Boolean.TRUE.equals(d.identical()) ? "identical" : "not verified");
      }
      out.println();
    }
    if (!result.parties().isEmpty()) {
      out.println("parties (each with its own data directory, store, key-encryption key and identity):");
      for (RunReport.Party p : result.parties()) {
        out.printf(Locale.ROOT, "  %-10s %-14s %s%s%n", p.role(), p.id(), p.dataDir(),
            p.pid() == null ? "" : "  (pid " + p.pid() + ")");
      }
      out.println();
    }
    if (result.privacy() != null) {
      RunReport.Privacy p = result.privacy();
      out.printf(Locale.ROOT, "differential privacy: epsilon %.2f at delta %.0e per analyst after %d round%s"
          + " (noise multiplier %.3g, clip norm %.3g; Renyi accountant)%n%n", p.epsilon(), p.delta(), p.rounds(),
          p.rounds() == 1 ? "" : "s", p.noiseMultiplier(), p.clipNorm());
    }
    out.printf(Locale.ROOT, "run %s: %s in %.1f s, plugins %s, %s mode%s%n", result.runId(), result.status(),
        result.totalMs() / 1000.0, result.plugins(), result.mode(), report == null ? "" : ", report " + report);
  }
}
