package io.flep.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flep.engine.FlepEngine;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API of an engine with authentication: every path needs a valid bearer token from the
 * engine's token endpoint (401), and each route the permission of the gateway command it
 * corresponds to, with the job's type for job updates (403 naming the client and what it tried).
 */
class RestAuthenticationTest {
  static final String ADMIN_SECRET = "rest-admin-secret-0123456789";
  static final String MONITOR_SECRET = "rest-monitor-secret-0123456789";
  static final String OPERATOR_SECRET = "rest-operator-secret-0123456789";
  /** Every route of the REST API, with its method; keys need not exist, the token is checked first. */
  static final List<String[]> ROUTES = List.of(
      new String[] {"GET", "/v2/topology"},
      new String[] {"POST", "/v2/process-instances/search"},
      new String[] {"GET", "/v2/process-instances/1"},
      new String[] {"GET", "/v2/process-instances/1/statistics/element-instances"},
      new String[] {"GET", "/v2/process-instances/1/sequence-flows"},
      new String[] {"POST", "/v2/element-instances/search"},
      new String[] {"GET", "/v2/element-instances/1"},
      new String[] {"POST", "/v2/incidents/search"},
      new String[] {"GET", "/v2/incidents/1"},
      new String[] {"POST", "/v2/incidents/1/resolution"},
      new String[] {"PATCH", "/v2/jobs/1"},
      new String[] {"GET", "/v2/process-definitions/1/xml"},
      new String[] {"GET", "/v2/no-such-resource"});

  @TempDir static Path cache;
  static EmbeddedPostgres postgres;
  static FlepEngine engine;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    engine =
        FlepEngine.builder()
            .dataSource(postgres.getPostgresDatabase())
            .restPort(0)
            .authentication(EngineClients.of(List.of(
                new EngineClient("admin", SecretHash.of(ADMIN_SECRET.toCharArray()), ClientPermissions.all()),
                new EngineClient("monitor", SecretHash.of(MONITOR_SECRET.toCharArray()),
                    new ClientPermissions(Set.of("Search"), List.of())),
                new EngineClient("operator-a", SecretHash.of(OPERATOR_SECRET.toCharArray()),
                    new ClientPermissions(Set.of("UpdateJobRetries", "UpdateJobTimeout"), List.of("a.*"))))))
            .build()
            .start();
    try (CamundaClient admin = client("admin", ADMIN_SECRET)) {
      admin.newDeployResourceCommand()
          .addProcessModel(Bpmn.createExecutableProcess("two-parties").startEvent()
              .parallelGateway("split")
              .serviceTask("a-task", t -> t.zeebeJobType("a.work")).endEvent()
              .moveToNode("split")
              .serviceTask("b-task", t -> t.zeebeJobType("b.work")).endEvent()
              .done(), "two-parties.bpmn")
          .send().join();
    }
  }

  @AfterAll
  static void stop() throws IOException {
    engine.close();
    postgres.close();
  }

  @Test
  void everyRouteRefusesACallWithoutAToken() throws Exception {
    for (String[] route : ROUTES) {
      HttpResponse<String> response = call(route[0], route[1], null);
      assertThat(response.statusCode()).as("%s %s without a token: %s", route[0], route[1], response.body())
          .isEqualTo(401);
      assertThat(response.body()).contains("requires an OAuth 2 bearer token");
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"flep-engine\"");
    }
  }

  @Test
  void aForgedOrForeignTokenIsRefused() throws Exception {
    String genuine = token("monitor", MONITOR_SECRET);
    int dot = genuine.indexOf('.');
    String forged = genuine.substring(0, dot + 1) + "AAAA" + genuine.substring(dot + 5); // another tag
    // a token this engine's token service never issued: same client id, another key
    TokenService other = new TokenService(
        EngineClients.of(List.of(new EngineClient("monitor", SecretHash.of(MONITOR_SECRET.toCharArray()),
            ClientPermissions.all()))), FlepEngine.DEFAULT_AUDIENCE, Duration.ofHours(1), System::currentTimeMillis);
    String foreign = other.issue(other.clients().client("monitor").orElseThrow()).value();
    for (String token : List.of(forged, foreign, "not-a-token")) {
      HttpResponse<String> response = call("POST", "/v2/process-instances/search", token);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
      assertThat(response.body()).contains("not valid for this engine");
    }
    assertThat(call("POST", "/v2/process-instances/search", genuine).statusCode()).isEqualTo(200);
  }

  @Test
  void eachRouteNeedsThePermissionOfItsCommand() throws Exception {
    String operator = token("operator-a", OPERATOR_SECRET);
    for (String[] route : List.of(new String[] {"GET", "/v2/topology", "Topology"},
        new String[] {"POST", "/v2/process-instances/search", "Search"},
        new String[] {"GET", "/v2/process-definitions/1/xml", "Search"},
        new String[] {"POST", "/v2/incidents/1/resolution", "ResolveIncident"})) {
      HttpResponse<String> response = call(route[0], route[1], operator);
      assertThat(response.statusCode()).as("%s %s: %s", route[0], route[1], response.body()).isEqualTo(403);
      assertThat(response.body()).contains("client 'operator-a' may not use " + route[2] + " (" + route[0] + " "
          + route[1] + ")");
    }
    String monitor = token("monitor", MONITOR_SECRET);
    HttpResponse<String> update = call("PATCH", "/v2/jobs/1", monitor, "{\"changeset\": {\"retries\": 3}}");
    assertThat(update.statusCode()).as(update.body()).isEqualTo(403);
    assertThat(update.body()).contains("client 'monitor' may not use UpdateJobRetries");
  }

  @Test
  void aJobUpdateNeedsTheJobsTypeAndIsAppliedWholeOrNotAtAll() throws Exception {
    ActivatedJob aJob;
    ActivatedJob bJob;
    try (CamundaClient admin = client("admin", ADMIN_SECRET)) {
      admin.newCreateInstanceCommand().bpmnProcessId("two-parties").latestVersion().send().join();
      aJob = activate(admin, "a.work");
      bJob = activate(admin, "b.work");
    }
    String operator = token("operator-a", OPERATOR_SECRET);

    HttpResponse<String> foreign = call("PATCH", "/v2/jobs/" + bJob.getKey(), operator,
        "{\"changeset\": {\"retries\": 5}}");
    assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
    assertThat(foreign.body()).contains("client 'operator-a'").contains("may not handle jobs of type 'b.work'");
    assertThat(engine.queries().jobs(bJob.getProcessInstanceKey())).filteredOn(j -> j.key() == bJob.getKey())
        .singleElement().satisfies(j -> assertThat(j.retries()).isEqualTo(bJob.getRetries()));

    HttpResponse<String> own = call("PATCH", "/v2/jobs/" + aJob.getKey(), operator,
        "{\"changeset\": {\"retries\": 5}}");
    assertThat(own.statusCode()).as(own.body()).isEqualTo(204);
    assertThat(engine.queries().jobs(aJob.getProcessInstanceKey())).filteredOn(j -> j.key() == aJob.getKey())
        .singleElement().satisfies(j -> assertThat(j.retries()).isEqualTo(5));
  }

  @Test
  void theCamundaClientSearchesWithItsStandardCredentialsAndIsRefusedOutsideItsPermissions() {
    try (CamundaClient monitor = client("monitor", MONITOR_SECRET);
        CamundaClient operator = client("operator-a", OPERATOR_SECRET)) {
      assertThat(monitor.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId("two-parties"))
          .send().join().items()).allSatisfy(p -> assertThat(p.getProcessDefinitionId()).isEqualTo("two-parties"));
      assertThatThrownBy(() -> operator.newProcessInstanceSearchRequest().send().join())
          .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(403))
          .hasMessageContaining("client 'operator-a' may not use Search");
    }
  }

  private static ActivatedJob activate(CamundaClient client, String type) {
    return client.newActivateJobsCommand().jobType(type).maxJobsToActivate(1)
        .requestTimeout(Duration.ofSeconds(10)).send().join().getJobs().get(0);
  }

  static CamundaClient client(String id, String secret) {
    CredentialsProvider credentials =
        CredentialsProvider.newCredentialsProviderBuilder()
            .clientId(id)
            .clientSecret(secret)
            .audience(FlepEngine.DEFAULT_AUDIENCE)
            .authorizationServerUrl(engine.tokenUrl().toString())
            .credentialsCachePath(cache.resolve(id + ".yaml").toString())
            .applyEnvironmentOverrides(false)
            .build();
    return CamundaClient.newClientBuilder()
        .grpcAddress(engine.grpcAddress())
        .restAddress(engine.restAddress())
        .preferRestOverGrpc(false)
        .applyEnvironmentVariableOverrides(false)
        .credentialsProvider(credentials)
        .defaultRequestTimeout(Duration.ofSeconds(20))
        .build();
  }

  private static String token(String id, String secret) throws Exception {
    String form = "grant_type=client_credentials&client_id=" + id + "&client_secret="
        + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&audience=" + FlepEngine.DEFAULT_AUDIENCE;
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(engine.tokenUrl())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body()).get("access_token").asText();
  }

  private static HttpResponse<String> call(String method, String path, String token) throws Exception {
    return call(method, path, token, method.equals("GET") ? null : "{}");
  }

  private static HttpResponse<String> call(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(engine.restAddress() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
