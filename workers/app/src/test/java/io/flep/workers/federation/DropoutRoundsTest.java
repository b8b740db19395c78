package io.flep.workers.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flep.exchange.Exchange;
import io.flep.exchange.ExchangeStorage;
import io.flep.exchange.federation.CertifiedDirectory;
import io.flep.exchange.federation.FederationCertificates;
import io.flep.workers.trust.FederationAuthority;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.run.RunReport;
import io.flep.workers.run.RunRequest;
import io.flep.workers.web.RunRequestJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 14's dropout acceptance, with every party in its own OS process ({@code ./flep run --processes}:
 * {@link ProcessFederation}): 4 analysts, K = 3. An analyst process killed (SIGKILL, by its pid) during round 2 is
 * skipped once the round deadline passes and the run completes every round, round 2 with the other three, the killed
 * analyst named in the report; with 2 of the 4 analysts' processes killed the round is refused on the modelled
 * aggregation-refused path and the report says why (who contributed, K, the deadline).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DropoutRoundsTest {
  static final List<String> ANALYSTS = List.of("analyst-1", "analyst-2", "analyst-3", "analyst-4");
  /** A stage line of the data owner's progress in round 2: round 2 has begun. */
  static final Pattern ROUND_TWO_STAGE = Pattern.compile("\\]\\s+\\S+\\s+r2\\s");
  /**
   * Long enough for four cold analyst processes on two cores to decrypt, train and encrypt in round 1 (the round
   * then closes as soon as all four contributed); a killed analyst's round waits this long.
   */
  static final Duration DEADLINE = Duration.ofSeconds(90);
  /** The refused run's: its two live analysts are warm by then and contribute in a fraction of it. */
  static final Duration SHORT_DEADLINE = Duration.ofSeconds(30);

  Path root;
  List<PartySpec> parties;
  List<String> arguments;
  ProcessFederation federation;
  ExchangeStorage storage;
  Exchange exchange;
  final List<String> progress = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  void startEveryPartyInItsOwnProcess() throws IOException {
    root = Files.createTempDirectory("flep-dropout-");
    parties = PartySpec.forRun(root, "flep-cloud", ANALYSTS);
    arguments = List.of("--plugins-dir", root.resolve("plugins").toString(), "-P", "flep.training.epochs=1");
    federation = ProcessFederation.start(root, parties, arguments, Map.of(), progress::add);
  }

  @AfterAll
  void stop() throws Exception {
    if (storage != null) {
      storage.close();
    }
    if (federation != null) {
      federation.close();
    }
    if (root != null) { // nearly 1 GB: eight stores and the exchange
      try (var files = Files.walk(root)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  @Order(1)
  void anAnalystKilledDuringRoundTwoIsSkippedAndTheRunCompletesEveryRound() throws Exception {
    long killed = pidOf("analyst-4");
    List<String> lines = new ArrayList<>();
    RunReport report = coordinate("one-killed", request(2, 31, DEADLINE), line -> {
      boolean alive = ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false);
      if (alive && ROUND_TWO_STAGE.matcher(line).find()) {
        lines.add(">>> killing analyst-4 (pid " + killed + ") during round 2");
        kill("analyst-4");
      }
    }, lines);

    assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false)).as("analyst-4 was killed")
        .isFalse();
    assertThat(report.status()).as("failure: %s%n%s", report.failure(), String.join("\n", lines))
        .isEqualTo("COMPLETED");
    assertThat(report.rounds()).extracting(RunReport.Round::round).containsExactly(1, 2);
    assertThat(report.participation()).hasSize(2);
    RunReport.Participation first = report.participation().get(0);
    assertThat(first.contributors()).containsExactlyElementsOf(ANALYSTS);
    assertThat(first.missed()).isEmpty();
    RunReport.Participation second = report.participation().get(1);
    assertThat(second.round()).isEqualTo(2);
    assertThat(second.contributors()).containsExactly("analyst-1", "analyst-2", "analyst-3");
    assertThat(second.missed()).containsExactly("analyst-4");
    assertThat(second.refused()).isFalse();
    assertThat(second.minContributors()).isEqualTo(3);
    assertThat(second.roundDeadline()).isEqualTo(DEADLINE.toString());
    assertThat(report.policy().roundDeadline()).isEqualTo(DEADLINE.toString());
    assertThat(lines).anyMatch(l -> l.contains("round 2 closed: 3 of 4 analysts contributed, K = 3")
        && l.contains("analyst-4"));

    // round 2's global model is the average of the three contributors' updates; analyst-4 signed no round-2 update
    UUID runId = UUID.fromString(report.runId());
    Exchange exchange = exchange();
    assertThat(exchange.list(runId, ExchangeKinds.GLOBAL_MODEL)).hasSize(2).allSatisfy(ref -> {
      var header = exchange.fetch(ref, java.util.Set.of("iiot")).header();
      String expected = "1".equals(header.attribute("round")) ? "4" : "3";
      assertThat(header.attribute("contributors")).as("contributors of round %s", header.attribute("round"))
          .isEqualTo(expected);
    });
    assertThat(exchange.list(runId, ExchangeKinds.ENCRYPTED_UPDATE).stream()
        .filter(ref -> ref.producer().equals("analyst-4"))
        .map(ref -> exchange.fetch(ref, java.util.Set.of("analyst")).header().attribute("round")))
        .as("analyst-4's updates, by round").containsExactly("1");
  }

  @Test
  @Order(2)
  void withTwoOfFourAnalystsKilledTheRoundIsRefusedOnTheModelledPathSayingWhy() throws Exception {
    kill("analyst-4"); // killed in the first test already; again if that one did not get so far
    kill("analyst-3");
    List<String> lines = new ArrayList<>();
    RunReport report = coordinate("two-killed", request(2, 32, SHORT_DEADLINE), line -> { }, lines);

    assertThat(report.status()).as("failure: %s%n%s", report.failure(), String.join("\n", lines))
        .isEqualTo("REJECTED");
    assertThat(report.outcome()).isEqualTo("aggregation-refused");
    assertThat(report.failure()).startsWith("FLEP_AGGREGATION_REFUSED: round 1 closed with 2 of 4 analysts' updates"
        + " [analyst-1, analyst-2] by its deadline (" + SHORT_DEADLINE + "), but the run policy requires K = 3; missed the"
        + " deadline: analyst-3, analyst-4");
    assertThat(report.rounds()).as("no round was published").isEmpty();
    assertThat(report.participation()).singleElement().satisfies(p -> {
      assertThat(p.refused()).isTrue();
      assertThat(p.contributors()).containsExactly("analyst-1", "analyst-2");
      assertThat(p.missed()).containsExactly("analyst-3", "analyst-4");
    });
    UUID runId = UUID.fromString(report.runId());
    assertThat(exchange().list(runId, ExchangeKinds.ENCRYPTED_AGGREGATE)).as("nothing was aggregated").isEmpty();
    assertThat(exchange().list(runId, ExchangeKinds.GLOBAL_MODEL)).as("nothing was decrypted").isEmpty();
    assertThat(lines).anyMatch(l -> l.contains("round 1 refused: 2 of 4 analysts contributed, K = 3"));
  }

  private RunRequest request(int rounds, long seed, Duration deadline) {
    return RunRequest.builder().analysts(ANALYSTS.size()).minContributors(3).rounds(rounds).cloudMode("untrusted")
        .seed(seed).roundDeadline(deadline).build();
  }

  /** Starts the data owner's process with {@code request} and waits for its report; every line goes to both. */
  private RunReport coordinate(String name, RunRequest request, java.util.function.Consumer<String> onLine,
      List<String> lines) throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    Path requestFile = root.resolve(name + "-request.json");
    Path reportFile = root.resolve(name + "-report.json");
    json.writeValue(requestFile.toFile(), RunRequestJson.write(request));
    long started = System.nanoTime();
    int exit = federation.coordinate(root, parties.get(0), arguments, requestFile, reportFile, 15, line -> {
      lines.add(line);
      onLine.accept(line);
    });
    lines.add(">>> data owner exited with " + exit + " after " + (System.nanoTime() - started) / 1_000_000_000 + " s");
    assertThat(reportFile).as("the data owner's report; output:%n%s", String.join("\n", lines)).exists();
    return json.readValue(reportFile.toFile(), RunReport.class);
  }

  private long pidOf(String partyId) {
    return federation.pids().entrySet().stream().filter(e -> e.getKey().id().equals(partyId)).findFirst()
        .orElseThrow().getValue();
  }

  /**
   * SIGKILL to the party's process: it gets no chance to finish anything. Its embedded PostgreSQL, a process of its
   * own that this test started through the party, is then stopped by the pid in its {@code postmaster.pid} (a
   * restarted party would do the same).
   */
  private void kill(String partyId) {
    ProcessHandle.of(pidOf(partyId)).ifPresent(process -> {
      process.destroyForcibly();
      process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    });
    Path postmaster = parties.stream().filter(p -> p.id().equals(partyId)).findFirst().orElseThrow().dataDir()
        .resolve("postgres").resolve("postmaster.pid");
    try {
      String first = Files.exists(postmaster) ? Files.readAllLines(postmaster).get(0).trim() : "";
      if (first.matches("\\d+")) {
        ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
            .ifPresent(server -> {
              server.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the party
              server.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The federation's exchange, read as any party reads it: every object verified against its producer's certificate. */
  private Exchange exchange() throws IOException {
    if (exchange == null) {
      storage = ExchangeStorage.open(root.resolve("exchange").toString());
      exchange = new Exchange(storage, CertifiedDirectory.inExchange(FederationAuthority.open(root.resolve("federation"),
          null, java.time.Clock.systemUTC()).rootCertificate(), new FederationCertificates(storage),
          java.time.Clock.systemUTC()));
    }
    return exchange;
  }
}
