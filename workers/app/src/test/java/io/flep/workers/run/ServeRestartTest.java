package io.flep.workers.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flep.workers.cli.FlepMain;
import io.flep.workers.db.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code flep serve} killed with SIGKILL while a run is in its second round and started again on
 * the same data directory: the run completes by itself, and every job is recorded once.
 */
class ServeRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aRunSurvivesTheProcessBeingKilledAndCompletesByItself() throws Exception {
    Path dataDir = TestDirectories.create("serve-restart");
    int port = freePort();
    URI base = URI.create("http://127.0.0.1:" + port);

    Process first = serve(dataDir, port, "first");
    String runId;
    try {
      awaitUp(base, first, dataDir, "first");
      HttpResponse<String> unknown = post(base.resolve("/api/runs"), "{\"colour\": \"blue\"}");
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(unknown.body()).contains("unknown run option 'colour'");
      HttpResponse<String> badValue = post(base.resolve("/api/runs"), "{\"analysts\": 99}");
      assertThat(badValue.statusCode()).isEqualTo(400);
      assertThat(badValue.body()).contains("--analysts must be between 1 and 32");
      HttpResponse<String> started = post(base.resolve("/api/runs"),
          "{\"analysts\": 2, \"rounds\": 3, \"seed\": 11, \"targetAccuracy\": 1.0}");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      runId = JSON.readTree(started.body()).get("runId").asText();
      assertThat(started.headers().firstValue("Location")).contains("/api/runs/" + runId);
      // round 1 published: the run is in its second round
      await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
          .until(() -> run(base, runId).get("rounds").size() >= 1);
    } finally {
      first.destroyForcibly(); // SIGKILL: no shutdown hooks, nothing flushed
      first.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);

    Process second = serve(dataDir, port, "second");
    JsonNode finished;
    try {
      awaitUp(base, second, dataDir, "second");
      await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1))
          .until(() -> !"RUNNING".equals(run(base, runId).get("run").get("status").asText()));
      finished = run(base, runId);
    } finally {
      second.destroy();
      second.waitFor(60, TimeUnit.SECONDS);
      second.destroyForcibly();
    }
    assertThat(finished.get("run").get("status").asText()).as(finished.toPrettyString()).isEqualTo("COMPLETED");
    List<Integer> rounds = new ArrayList<>();
    finished.get("rounds").forEach(r -> rounds.add(r.get("round").asInt()));
    assertThat(rounds).as(finished.toPrettyString()).containsExactly(1, 2, 3);

    // every job recorded exactly once, none left running, one completion per task, round and party
    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir);
        Connection db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "")) {
      assertThat(strings(db, "select task_type || ' r' || coalesce(round, 0) || ' ' || coalesce(actor, '-')"
          + " || ' x' || count(*) from stage_result where run_id = '" + runId + "' and status = 'COMPLETED'"
          + " group by task_type, round, actor having count(*) > 1"))
          .as("tasks completed more than once").isEmpty();
      assertThat(strings(db, "select task_type || ' ' || status from stage_result where run_id = '" + runId
          + "' and status = 'RUNNING'")).as("records left running").isEmpty();
      assertThat(strings(db, "select job_key::text from stage_result where run_id = '" + runId
          + "' group by job_key having count(*) > 1")).as("jobs recorded twice").isEmpty();
      assertThat(strings(db, "select round::text from round_result where run_id = '" + runId
          + "' order by round")).containsExactly("1", "2", "3");
    }
  }

  private static Process serve(Path dataDir, int port, String name) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx3g",
            "-cp", System.getProperty("java.class.path"),
            FlepMain.class.getName(), "serve", "--port", Integer.toString(port), "--data-dir", dataDir.toString())
        .redirectErrorStream(true)
        .redirectOutput(dataDir.resolve(name + ".log").toFile())
        .start();
  }

  private static void awaitUp(URI base, Process process, Path dataDir, String name) {
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
      if (!process.isAlive()) {
        throw new AssertionError("flep serve (" + name + ") exited: " + Files.readString(dataDir.resolve(name + ".log")));
      }
      try {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/api/runs")).GET().build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
      } catch (IOException notYet) {
        return false;
      }
    });
  }

  private static JsonNode run(URI base, String runId) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(base.resolve("/api/runs/" + runId)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> post(URI uri, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
