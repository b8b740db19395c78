package io.flep.workers.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;

import io.flep.workers.store.RunRepository;
import io.flep.workers.testing.EmbeddedFlepTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * {@code POST /api/runs} refuses bad options before anything starts, naming the option; {@code GET
 * /api/runs/{runId}} is the stored run's report. (Starting a run over HTTP: {@code ServeRestartTest}.)
 */
class RunsControllerTest extends EmbeddedFlepTest {
  @Autowired WebApplicationContext context;
  @Autowired RunRepository runs;

  private MockMvc http;

  @BeforeEach
  void http() {
    http = MockMvcBuilders.webAppContextSetup(context).build();
  }

  @Test
  void anUnknownOptionIsAProblemNamingIt() throws Exception {
    refused("{\"analysts\": 2, \"colour\": \"blue\"}", "colour")
        .andExpect(jsonPath("$.detail", containsString("unknown run option 'colour'")));
  }

  @Test
  void aValueOutOfRangeIsAProblemNamingTheJsonOption() throws Exception {
    refused("{\"analysts\": 99}", "analysts")
        .andExpect(jsonPath("$.detail").value("'analysts' must be between 1 and 32, got 99"));
    refused("{\"analysts\": 2, \"minContributors\": 3}", "minContributors");
    refused("{\"differentialPrivacy\": {\"noiseMultiplier\": 1.1, \"delta\": 2}}", "differentialPrivacy.delta");
  }

  @Test
  void aValueOfTheWrongTypeIsAProblemNamingIt() throws Exception {
    refused("{\"rounds\": \"three\"}", "rounds")
        .andExpect(jsonPath("$.detail").value("'rounds' must be an integer, not \"three\""));
    refused("{\"seed\": 1.5}", "seed");
    refused("{\"heSchemeOptions\": [\"threshold=2\"]}", "heSchemeOptions");
  }

  @Test
  void aPluginOptionIsCheckedAgainstThePluginsDeclaration() throws Exception {
    refused("{\"heSchemeOptions\": {\"treshold\": \"2\"}}", "heSchemeOptions.treshold")
        .andExpect(jsonPath("$.detail", containsString("did you mean 'threshold'")));
  }

  @Test
  void aBodyThatIsNotJsonIsAProblem() throws Exception {
    http.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content("analysts=2"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail", containsString("not JSON run options")));
  }

  @Test
  void anUnknownRunIsNotFound() throws Exception {
    http.perform(get("/api/runs/" + UUID.randomUUID())).andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    http.perform(get("/api/runs/not-a-run-id")).andExpect(status().isNotFound());
  }

  @Test
  void aStoredRunIsReportedWithItsOptionsAndLiveStatus() throws Exception {
    UUID runId = UUID.randomUUID();
    runs.create(runId, "embedded", "{\"analysts\": 4, \"rounds\": 7, \"cloudMode\": \"trusted\","
        + " \"targetAccuracy\": 1.0, \"seed\": 5, \"minContributors\": 2}");
    http.perform(get("/api/runs/" + runId)).andExpect(status().isOk())
        .andExpect(jsonPath("$.runId").value(runId.toString()))
        .andExpect(jsonPath("$.status").value("RUNNING"))
        .andExpect(jsonPath("$.analysts").value(4))
        .andExpect(jsonPath("$.roundsRequested").value(7))
        .andExpect(jsonPath("$.cloudMode").value("trusted"))
        .andExpect(jsonPath("$.stages[0].name").value("generate"))
        .andExpect(jsonPath("$.stages[0].status").value("NOT_RUN"))
        .andExpect(jsonPath("$.stages[0].executions").value(0))
        .andExpect(jsonPath("$.rounds").isEmpty());
    runs.finish(runId, "FAILED", null, "stopped for the test");
    http.perform(get("/api/runs/" + runId)).andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("FAILED"))
        .andExpect(jsonPath("$.failure").value("stopped for the test"));
  }

  private ResultActions refused(String body, String field) throws Exception {
    return http.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Invalid run option"))
        .andExpect(jsonPath("$.field").value(field));
  }
}
