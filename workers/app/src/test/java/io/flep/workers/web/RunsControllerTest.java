package io.flep.workers.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flep.workers.store.RunRepository;
import io.flep.workers.testing.ServedFlepTest;
import io.flep.workers.testing.WebSession;
import io.flep.workers.web.security.WebRole;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code POST /api/runs} refuses bad options before anything starts, naming the option; {@code GET
 * /api/runs/{runId}} is the stored run's report. Over real HTTP, logged in as an operator. (Who may do what:
 * {@code WebAccessTest}; starting a run over HTTP: {@code ServeRestartTest}.)
 */
class RunsControllerTest extends ServedFlepTest {
  @Autowired RunRepository runs;

  private WebSession operator;

  @BeforeEach
  void logIn() {
    operator = loggedIn(WebRole.OPERATOR);
  }

  @Test
  void anUnknownOptionIsAProblemNamingIt() {
    assertThat(refused("{\"analysts\": 2, \"colour\": \"blue\"}", "colour").get("detail").asText())
        .contains("unknown run option 'colour'");
  }

  @Test
  void aValueOutOfRangeIsAProblemNamingTheJsonOption() {
    assertThat(refused("{\"analysts\": 99}", "analysts").get("detail").asText())
        .isEqualTo("'analysts' must be between 1 and 32, got 99");
    refused("{\"analysts\": 2, \"minContributors\": 3}", "minContributors");
    refused("{\"differentialPrivacy\": {\"noiseMultiplier\": 1.1, \"delta\": 2}}", "differentialPrivacy.delta");
  }

  @Test
  void aValueOfTheWrongTypeIsAProblemNamingIt() {
    assertThat(refused("{\"rounds\": \"three\"}", "rounds").get("detail").asText())
        .isEqualTo("'rounds' must be an integer, not \"three\"");
    refused("{\"seed\": 1.5}", "seed");
    refused("{\"heSchemeOptions\": [\"threshold=2\"]}", "heSchemeOptions");
  }

  @Test
  void aPluginOptionIsCheckedAgainstThePluginsDeclaration() {
    assertThat(refused("{\"heSchemeOptions\": {\"treshold\": \"2\"}}", "heSchemeOptions.treshold")
        .get("detail").asText()).contains("did you mean 'threshold'");
  }

  @Test
  void aBodyThatIsNotJsonIsAProblem() {
    HttpResponse<String> response = operator.post("/api/runs", "analysts=2");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertProblem(response);
    assertThat(response.body()).contains("not JSON run options");
  }

  @Test
  void anUnknownRunIsNotFound() {
    HttpResponse<String> unknown = operator.get("/api/runs/" + UUID.randomUUID());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertProblem(unknown);
    assertThat(operator.get("/api/runs/not-a-run-id").statusCode()).isEqualTo(404);
  }

  @Test
  void aStoredRunIsReportedWithItsOptionsAndLiveStatus() {
    UUID runId = UUID.randomUUID();
    runs.create(runId, "embedded", "{\"analysts\": 4, \"rounds\": 7, \"cloudMode\": \"trusted\","
        + " \"targetAccuracy\": 1.0, \"seed\": 5, \"minContributors\": 2}");
    JsonNode report = WebSession.json(operator.get("/api/runs/" + runId));
    assertThat(report.get("runId").asText()).isEqualTo(runId.toString());
    assertThat(report.get("status").asText()).isEqualTo("RUNNING");
    assertThat(report.get("analysts").asInt()).isEqualTo(4);
    assertThat(report.get("roundsRequested").asInt()).isEqualTo(7);
    assertThat(report.get("cloudMode").asText()).isEqualTo("trusted");
    assertThat(report.at("/stages/0/name").asText()).isEqualTo("generate");
    assertThat(report.at("/stages/0/status").asText()).isEqualTo("NOT_RUN");
    assertThat(report.at("/stages/0/executions").asInt()).isZero();
    assertThat(report.get("rounds")).isEmpty();
    runs.finish(runId, "FAILED", null, "stopped for the test");
    JsonNode finished = WebSession.json(operator.get("/api/runs/" + runId));
    assertThat(finished.get("status").asText()).isEqualTo("FAILED");
    assertThat(finished.get("failure").asText()).isEqualTo("stopped for the test");
  }

  private JsonNode refused(String body, String field) {
    HttpResponse<String> response = operator.post("/api/runs", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertProblem(response);
    JsonNode problem = WebSession.body(response);
    assertThat(problem.get("title").asText()).isEqualTo("Invalid run option");
    assertThat(problem.get("field").asText()).isEqualTo(field);
    return problem;
  }

  private static void assertProblem(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type")).get().asString()
        .startsWith("application/problem+json");
  }
}
