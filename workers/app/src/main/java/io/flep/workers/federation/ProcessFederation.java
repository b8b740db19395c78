package io.flep.workers.federation;

import io.flep.workers.engine.EmbeddedEngine;
import io.flep.workers.engine.FederationEngineClients;
import io.flep.workers.config.Roles;
import io.flep.workers.trust.StartupKit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every party of a run as its own OS process ({@code ./flep run --processes}): this process runs the engine (its own
 * PostgreSQL) and starts one JVM per party ({@code flep party}), each with its own data directory; the data owner's
 * process starts the run, follows it and writes the report. Nothing is shared but the engine and the exchange
 * directory; no plaintext reaches this process.
 */
public final class ProcessFederation implements AutoCloseable {
  private static final Duration REGISTRATION_TIMEOUT = Duration.ofMinutes(3);

  private final EmbeddedEngine engine;
  private final FederationEngineClients clients;
  private final Map<String, String> environment;
  private final Map<PartySpec, Process> processes = new LinkedHashMap<>();

  private ProcessFederation(EmbeddedEngine engine, FederationEngineClients clients, Map<String, String> environment) {
    this.engine = engine;
    this.clients = clients;
    this.environment = environment;
  }

  /** Starts the engine and every party but the data owner, and waits until each has registered in the exchange. */
  /**
   * @param secretSettings settings that must not appear on a command line (passwords, ...): handed to every party
   *     process in its environment ({@code flep.datasource.password} as {@code FLEP_DATASOURCE_PASSWORD})
   */
  public static ProcessFederation start(Path root, List<PartySpec> parties, List<String> commonArguments,
      Map<String, String> secretSettings, Consumer<String> progress) {
    ThrowawayFederation.prepare(root, parties);
    // new secrets for every federation started: in this process's memory, and each in its own party's environment
    FederationEngineClients clients = FederationEngine.issueClients(parties);
    EmbeddedEngine engine = FederationEngine.start(root, clients);
    Map<String, String> environment = new LinkedHashMap<>();
    secretSettings.forEach((k, v) -> environment.put(environmentName(k), v));
    ProcessFederation federation = new ProcessFederation(engine, clients, environment);
    try {
      progress.accept("engine on " + engine.grpcAddress() + "; starting " + parties.size() + " party processes");
      for (PartySpec party : parties) {
        if (!party.role().equals(Roles.DATA_OWNER)) {
          federation.processes.put(party, federation.launch(root, party, commonArguments, List.of(), false));
        }
      }
      federation.awaitRegistration(root, progress);
      return federation;
    } catch (RuntimeException e) {
      federation.close();
      throw e;
    }
  }

  /**
   * Starts the data owner's process with the run request, passes its output to {@code progress} line by line and
   * waits for it to end.
   *
   * @return its exit code: 0 when the run completed
   */
  public int coordinate(Path root, PartySpec dataOwner, List<String> commonArguments, Path request, Path report,
      long timeoutMinutes, Consumer<String> progress) throws InterruptedException {
    Process owner = launch(root, dataOwner, commonArguments, List.of("--start-run", request.toString(), "--report",
        report.toString(), "--timeout-minutes", Long.toString(timeoutMinutes)), true);
    processes.put(dataOwner, owner);
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(owner.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        progress.accept(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("lost the data owner's output: " + e.getMessage(), e);
    }
    return owner.waitFor();
  }

  /** Each party with the id of its process. */
  public Map<PartySpec, Long> pids() {
    Map<PartySpec, Long> pids = new LinkedHashMap<>();
    processes.forEach((party, process) -> pids.put(party, process.pid()));
    return pids;
  }

  private Process launch(Path root, PartySpec party, List<String> common, List<String> extra, boolean pipeOutput) {
    List<String> command = new ArrayList<>(javaCommand());
    command.add("party");
    command.addAll(List.of("--kit", party.kitDir().toString(), "--data-dir", party.dataDir().toString(),
        "--engine", engine.grpcAddress().toString(), "--engine-rest", engine.restAddress().toString(),
        "--exchange", root.resolve("exchange").toString()));
    // the party's own engine secret, new for this federation: into its owner-only kit, as 'flep federation enroll'
    // puts it there, never on its command line or in its environment
    char[] secret = clients.secretOf(party.id()).toCharArray();
    try {
      StartupKit.read(party.kitDir()).storeEngineClientSecret(secret);
    } finally {
      java.util.Arrays.fill(secret, '\0');
    }
    command.addAll(common);
    command.addAll(extra);
    try {
      Files.createDirectories(party.dataDir());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(!pipeOutput);
      // a party's own key-encryption key is in its own data directory; none is inherited from this process
      builder.environment().remove("FLEP_KEY_ENCRYPTION_KEY");
      builder.environment().putAll(environment);
      Path log = party.dataDir().resolve("party.out");
      if (pipeOutput) {
        builder.redirectError(log.toFile());
      } else {
        builder.redirectOutput(log.toFile());
      }
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the process of party " + party.id() + ": " + e.getMessage(),
          e);
    }
  }

  private void awaitRegistration(Path root, Consumer<String> progress) {
    long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
    for (Map.Entry<PartySpec, Process> entry : processes.entrySet()) {
      Path certificates = root.resolve("exchange").resolve("parties").resolve(entry.getKey().id());
      while (!hasCertificate(certificates)) {
        if (!entry.getValue().isAlive()) {
          throw new IllegalStateException("party " + entry.getKey().id() + " exited with code "
              + entry.getValue().exitValue() + " before it registered; see "
              + entry.getKey().dataDir().resolve("party.out"));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("party " + entry.getKey().id() + " did not register within "
              + REGISTRATION_TIMEOUT.toMinutes() + " min; see " + entry.getKey().dataDir().resolve("party.out"));
        }
        sleep();
      }
      progress.accept("party " + entry.getKey().id() + " up (pid " + entry.getValue().pid() + ")");
    }
  }

  /** Whether the party published its certificate: it does so once its identity is loaded, before taking jobs. */
  private static boolean hasCertificate(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".crt"));
    } catch (IOException e) {
      return false; // listed while being written: look again
    }
  }

  /**
   * The environment variable Spring Boot binds to the setting {@code key} (its canonical form: dots to underscores,
   * dashes dropped, upper case), e.g. {@code CAMUNDA_CLIENT_AUTH_CLIENTSECRET}.
   */
  static String environmentName(String key) {
    return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace("-", "");
  }

  /** The command that starts this FLEP application again: the same Java, the same jar. */
  private static List<String> javaCommand() {
    String javaBinary = ProcessHandle.current().info().command().orElse("java");
    List<String> jvm = new ArrayList<>();
    for (String argument : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // the same JVM flags (native access, ...), but not this process's key-encryption key or heap size
      if (!argument.startsWith("-Dflep.key-encryption-key-file") && !argument.startsWith("-Xmx")
          && !argument.startsWith("-agentlib") && !argument.startsWith("-javaagent")) {
        jvm.add(argument);
      }
    }
    jvm.add("-Xmx2g");
    List<String> command = new ArrayList<>(List.of(javaBinary));
    command.addAll(jvm);
    String classPath = System.getProperty("java.class.path");
    if (!classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar")) {
      command.addAll(List.of("-jar", classPath)); // started with java -jar flep.jar
      return command;
    }
    command.addAll(List.of("-cp", classPath, "io.flep.workers.cli.FlepMain"));
    return command;
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the parties", e);
    }
  }

  /** Stops every party process (SIGTERM, then SIGKILL after 30 s), then the engine. */
  @Override
  public void close() {
    processes.values().forEach(Process::destroy);
    for (Process p : processes.values()) {
      try {
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    engine.stop();
  }
}
