package io.flep.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flep.workers.db.EmbeddedPostgresServer;
import io.flep.workers.testing.ServeProcess;
import java.net.http.HttpResponse;
import io.flep.exchange.Exchange;
import io.flep.exchange.ExchangeRef;
import io.flep.exchange.ExchangeStorage;
import io.flep.exchange.federation.CertifiedDirectory;
import io.flep.exchange.federation.FederationCertificates;
import io.flep.workers.trust.FederationAuthority;
import io.flep.workers.web.security.WebUsers;
import io.flep.exchange.VerifiedObject;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: {@code java -jar flep.jar serve} is killed with SIGKILL while a run started over HTTP is in its
 * second round, and started again on the same data directory. The run completes by itself (nobody posts it
 * again), and its report has every stage and every round exactly once. (Logged in as the first admin, whose
 * password the first start printed.)
 */
@Tag("acceptance")
class ServeRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ANALYSTS = 2;
  private static final int ROUNDS = 3;
  /**
   * Task executions per stage of a completed run on the untrusted path: share-keys = data key + HE key;
   * analyze = decrypt + train per analyst and round; aggregate = close the round + add ciphertexts + decrypt the sum
   * per round;
   * serve = publish per round + trigger the services once.
   */
  private static final Map<String, Integer> EXECUTIONS = executions();

  @Test
  void aRunSurvivesSigkillAndCompletesByItselfWithEveryStageAndRoundOnce() throws Exception {
    Path dataDir = TestDirectories.create("serve-restart");
    int port = ServeProcess.freePort();
    String runId;
    String adminPassword;
    JsonNode atKill;
    try (ServeProcess first = ServeProcess.start(dataDir, port, "first")) {
      first.awaitUp(Duration.ofMinutes(3));
      adminPassword = first.firstAdminPassword(Duration.ofMinutes(1));
      first.login(WebUsers.FIRST_ADMIN, adminPassword);
      String options =
          "{\"analysts\": " + ANALYSTS + ", \"minContributors\": " + ANALYSTS + ", \"rounds\": " + ROUNDS
              + ", \"cloudMode\": \"untrusted\", \"seed\": 11}";
      HttpResponse<String> started = first.postWhenReady("/api/runs", options, Duration.ofMinutes(2));
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      runId = JSON.readTree(started.body()).get("runId").asText();
      assertThat(started.headers().firstValue("Location")).contains("/api/runs/" + runId);

      // round 1 is published and round 2's analysts are at work
      atKill = poll(Duration.ofMinutes(6), first, () -> {
        JsonNode report = first.getJson("/api/runs/" + runId);
        return report.get("rounds").size() >= 1 && executions(report, "analyze") > EXECUTIONS.get("analyze") / ROUNDS
            ? report : null;
      });
      assertThat(first.kill()).as("exit value of a process killed by SIGKILL (128 + 9)").isEqualTo(137);
    }
    assertThat(atKill.get("status").asText()).isEqualTo("RUNNING");
    assertThat(atKill.get("rounds").size()).as("killed in round 2: %s", atKill.toPrettyString()).isEqualTo(1);

    JsonNode report;
    try (ServeProcess second = ServeProcess.start(dataDir, port, "second")) {
      second.awaitUp(Duration.ofMinutes(3)).login(WebUsers.FIRST_ADMIN, adminPassword);
      assertSecondServeIsRefused(dataDir);
      report = poll(Duration.ofMinutes(10), second, () -> {
        JsonNode now = second.getJson("/api/runs/" + runId);
        return "RUNNING".equals(now.get("status").asText()) ? null : now;
      });
    }
    String shown = "report after the restart:\n" + report.toPrettyString() + "\nlogs: " + dataDir;
    assertThat(report.get("status").asText()).as(shown).isEqualTo("COMPLETED");
    assertThat(report.get("outcome").asText()).as(shown).isEqualTo("completed");
    List<Integer> rounds = new ArrayList<>();
    report.get("rounds").forEach(r -> rounds.add(r.get("round").asInt()));
    assertThat(rounds).as(shown).containsExactly(1, 2, 3);
    Map<String, String> statuses = new LinkedHashMap<>();
    Map<String, Integer> executions = new LinkedHashMap<>();
    report.get("stages").forEach(s -> {
      statuses.put(s.get("name").asText(), s.get("status").asText());
      executions.put(s.get("name").asText(), s.get("executions").asInt());
    });
    assertThat(statuses).as(shown).allSatisfy((stage, status) -> assertThat(status).isEqualTo("COMPLETED"));
    assertThat(executions).as("task executions per stage; " + shown).isEqualTo(EXECUTIONS);
    assertStoredOnce(dataDir, runId, shown);
  }

  /** A live FLEP process's PostgreSQL, unlike a killed one's, is not taken away by another start. */
  private static void assertSecondServeIsRefused(Path dataDir) throws Exception {
    try (ServeProcess third = ServeProcess.start(dataDir, ServeProcess.freePort(), "third")) {
      int exit = third.awaitExit(Duration.ofMinutes(3));
      assertThat(third.output()).as("exit value %d", exit)
          .contains("is in use by another running FLEP process");
      assertThat(exit).isNotZero();
    }
  }

  /** What the report sums up, checked row by row in the private database. */
  private static void assertStoredOnce(Path dataDir, String runId, String shown) throws Exception {
    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir);
        Connection db = postgres.connect()) {
      String run = "run_id = '" + runId + "'";
      assertThat(strings(db, "select task_type || ' round ' || coalesce(round, 0) || ' ' || coalesce(actor, '-')"
          + " || ': ' || string_agg(status, ', ') from stage_result where " + run
          + " group by task_type, round, actor having count(*) > 1 or bool_or(status <> 'COMPLETED')"))
          .as("tasks recorded more than once or not completed; " + shown).isEmpty();
      assertThat(strings(db, "select kind || ' round ' || round || ' ' || owner || ' x' || count(*) from model"
          + " where " + run + " group by kind, round, owner having count(*) > 1"))
          .as("models stored more than once; " + shown).isEmpty();
      assertThat(strings(db, "select round::text from round_result where " + run + " order by round"))
          .as("published rounds; " + shown).containsExactly("1", "2", "3");
    }
    // the global models in the exchange: one per round (a retried decryption republishes the same object)
    try (ExchangeStorage storage = ExchangeStorage.open(dataDir.resolve("exchange").toString())) {
      // the parties' certificates, checked against the root of the serving process's own federation
      Exchange exchange = new Exchange(storage, CertifiedDirectory.inExchange(
          FederationAuthority.open(dataDir.resolve("federation"), null, java.time.Clock.systemUTC()).rootCertificate(),
          new FederationCertificates(storage), java.time.Clock.systemUTC()));
      Map<String, VerifiedObject> byRound = new TreeMap<>();
      for (ExchangeRef ref : exchange.list(UUID.fromString(runId), "global-model")) {
        VerifiedObject global = exchange.fetch(ref, Set.of("iiot", "cloud"));
        assertThat(byRound.put(global.header().attribute("round"), global)).as("round %s twice; %s",
            global.header().attribute("round"), shown).isNull();
      }
      assertThat(byRound).as("global models, one per round; " + shown).containsOnlyKeys("1", "2", "3");
      JsonNode card = JSON.readTree(Files.readString(dataDir.resolve("served").resolve(runId)
          .resolve("model-card.json")));
      assertThat(card.get("exchangeAddress").asText()).as("the served model is round 3's global model; " + shown)
          .isEqualTo(byRound.get("3").ref().address());
    }
  }

  private static int executions(JsonNode report, String stage) {
    for (JsonNode s : report.get("stages")) {
      if (stage.equals(s.get("name").asText())) {
        return s.get("executions").asInt();
      }
    }
    throw new AssertionError("no stage '" + stage + "' in " + report.toPrettyString());
  }

  /** Polls every 250 ms until {@code check} gives a value; fails with the process output after {@code atMost}. */
  private static JsonNode poll(Duration atMost, ServeProcess serve, Callable<JsonNode> check) throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    JsonNode value;
    while ((value = check.call()) == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up after " + atMost + "; flep serve's log " + serve.log() + ":\n"
            + serve.output());
      }
      Thread.sleep(250);
    }
    return value;
  }

  private static List<String> strings(Connection db, String sql) throws Exception {
    List<String> values = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }

  private static Map<String, Integer> executions() {
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("generate", 1);
    expected.put("store", 1);
    expected.put("encrypt", 1);
    expected.put("share-keys", 2);
    expected.put("analyze", 2 * ANALYSTS * ROUNDS);
    expected.put("secure-model", ANALYSTS * ROUNDS);
    expected.put("aggregate", 3 * ROUNDS);
    expected.put("serve", ROUNDS + 1);
    return expected;
  }
}
