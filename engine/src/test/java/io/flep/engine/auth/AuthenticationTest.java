package io.flep.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flep.engine.FlepEngine;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine that requires OAuth 2 client credentials: the standard Camunda client fetches tokens
 * from the engine's token endpoint; calls without a valid token, commands outside a client's
 * permissions and jobs of other types are refused.
 */
class AuthenticationTest {
  static final String ADMIN_SECRET = "admin-secret-0123456789";
  static final String STARTER_SECRET = "starter-secret-0123456789";
  static final String WORKER_SECRET = "worker-secret-0123456789";

  @TempDir static Path cache;
  static EmbeddedPostgres postgres;
  static FlepEngine engine;

  @BeforeAll
  static void start() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    engine =
        FlepEngine.builder()
            .dataSource(postgres.getPostgresDatabase())
            .authentication(
                EngineClients.of(List.of(
                    new EngineClient("admin", SecretHash.of(ADMIN_SECRET.toCharArray()), ClientPermissions.all()),
                    new EngineClient("starter", SecretHash.of(STARTER_SECRET.toCharArray()),
                        new ClientPermissions(Set.of("CreateProcessInstance", "Topology"), List.of())),
                    new EngineClient("worker-a", SecretHash.of(WORKER_SECRET.toCharArray()),
                        new ClientPermissions(Set.of("ActivateJobs", "CompleteJob", "FailJob"), List.of("a.*"))))))
            .build()
            .start();
    try (CamundaClient admin = client("admin", ADMIN_SECRET)) {
      admin.newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("guarded")
                  .startEvent()
                  .serviceTask("first", t -> t.zeebeJobType("a.first"))
                  .serviceTask("second", t -> t.zeebeJobType("b.second"))
                  .endEvent()
                  .done(),
              "guarded.bpmn")
          .send()
          .join();
    }
  }

  @AfterAll
  static void stop() throws IOException {
    engine.close();
    postgres.close();
  }

  static CamundaClient client(String id, String secret) {
    CredentialsProvider credentials =
        CredentialsProvider.newCredentialsProviderBuilder()
            .clientId(id)
            .clientSecret(secret)
            .audience(FlepEngine.DEFAULT_AUDIENCE)
            .authorizationServerUrl(engine.tokenUrl().toString())
            .credentialsCachePath(cache.resolve(id + ".yaml").toString())
            .build();
    return CamundaClient.newClientBuilder()
        .grpcAddress(engine.grpcAddress())
        .restAddress(engine.grpcAddress())
        .preferRestOverGrpc(false)
        .applyEnvironmentVariableOverrides(false)
        .credentialsProvider(credentials)
        .defaultRequestTimeout(Duration.ofSeconds(20))
        .build();
  }

  @Test
  void aCallWithoutATokenIsUnauthenticated() {
    try (CamundaClient anonymous =
        CamundaClient.newClientBuilder().grpcAddress(engine.grpcAddress()).preferRestOverGrpc(false)
            .applyEnvironmentVariableOverrides(false).build()) {
      assertThatThrownBy(() -> anonymous.newTopologyRequest().send().join())
          .isInstanceOf(ClientStatusException.class)
          .hasMessageContaining("bearer token");
    }
  }

  @Test
  void theTokenEndpointRefusesAWrongSecretAndAWrongAudience() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> wrongSecret = post(http, "grant_type=client_credentials&client_id=admin"
        + "&client_secret=not-the-secret-at-all&audience=" + FlepEngine.DEFAULT_AUDIENCE);
    assertThat(wrongSecret.statusCode()).isEqualTo(401);
    assertThat(wrongSecret.body()).contains("invalid_client");
    HttpResponse<String> wrongAudience = post(http, "grant_type=client_credentials&client_id=admin"
        + "&client_secret=" + ADMIN_SECRET + "&audience=zeebe-api");
    assertThat(wrongAudience.statusCode()).isEqualTo(400);
    HttpResponse<String> good = post(http, "grant_type=client_credentials&client_id=admin"
        + "&client_secret=" + ADMIN_SECRET + "&audience=" + FlepEngine.DEFAULT_AUDIENCE);
    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(good.body()).contains("\"token_type\":\"Bearer\"").contains("\"expires_in\":3600");
  }

  private static HttpResponse<String> post(HttpClient http, String form) throws Exception {
    return http.send(
        HttpRequest.newBuilder(engine.tokenUrl())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void eachClientMayOnlyUseItsCommandsAndJobTypes() {
    try (CamundaClient starter = client("starter", STARTER_SECRET);
        CamundaClient worker = client("worker-a", WORKER_SECRET);
        CamundaClient admin = client("admin", ADMIN_SECRET)) {
      assertThatThrownBy(() -> starter.newDeployResourceCommand()
              .addProcessModel(Bpmn.createExecutableProcess("x").startEvent().endEvent().done(), "x.bpmn")
              .send().join())
          .isInstanceOf(ClientStatusException.class)
          .hasMessageContaining("client 'starter' may not use DeployResource");

      long key = starter.newCreateInstanceCommand().bpmnProcessId("guarded").latestVersion().send().join()
          .getProcessInstanceKey();

      assertThatThrownBy(() -> worker.newActivateJobsCommand().jobType("b.second").maxJobsToActivate(1)
              .send().join())
          .isInstanceOf(ClientStatusException.class)
          .hasMessageContaining("may not activate jobs of type 'b.second'");

      List<ActivatedJob> first = worker.newActivateJobsCommand().jobType("a.first").maxJobsToActivate(1)
          .requestTimeout(Duration.ofSeconds(10)).send().join().getJobs();
      assertThat(first).singleElement().extracting(ActivatedJob::getProcessInstanceKey).isEqualTo(key);
      worker.newCompleteCommand(first.get(0)).send().join();

      ActivatedJob second = admin.newActivateJobsCommand().jobType("b.second").maxJobsToActivate(1)
          .requestTimeout(Duration.ofSeconds(10)).send().join().getJobs().get(0);
      assertThatThrownBy(() -> worker.newCompleteCommand(second.getKey()).send().join())
          .isInstanceOf(ClientStatusException.class)
          .hasMessageContaining("may not handle jobs of type 'b.second'");
      admin.newCompleteCommand(second).send().join();
      assertThat(engine.queries().processInstance(key)).get().extracting(p -> p.state()).isEqualTo("COMPLETED");
    }
  }

  @Test
  void anyAddressButLoopbackNeedsTlsAndAuthentication() throws Exception {
    InetSocketAddress everywhere = new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0);
    assertThatThrownBy(() -> FlepEngine.builder().dataSource(postgres.getPostgresDatabase())
            .grpcAddress(everywhere).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without TLS and authentication");
    assertThatThrownBy(() -> FlepEngine.builder().dataSource(postgres.getPostgresDatabase())
            .grpcAddress(everywhere).authentication(EngineClients.of(List.of())).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void secretsAreStoredOnlyAsSaltedHashes() {
    SecretHash one = SecretHash.of(ADMIN_SECRET.toCharArray());
    SecretHash two = SecretHash.of(ADMIN_SECRET.toCharArray());
    assertThat(one.toString()).doesNotContain(ADMIN_SECRET).isNotEqualTo(two.toString());
    assertThat(SecretHash.parse(one.toString()).matches(ADMIN_SECRET.toCharArray())).isTrue();
    assertThat(one.matches("admin-secret-0123456780".toCharArray())).isFalse();
    assertThatThrownBy(() -> SecretHash.of("short".toCharArray())).hasMessageContaining("16 characters");
  }

  @Test
  void aForgedOrExpiredTokenIsRefused() {
    EngineClients clients = EngineClients.of(List.of(
        new EngineClient("c", SecretHash.of(ADMIN_SECRET.toCharArray()), ClientPermissions.all())));
    long[] now = {1_000_000_000L};
    TokenService tokens = new TokenService(clients, "aud", Duration.ofMinutes(5), () -> now[0]);
    String token = tokens.issue(clients.client("c").orElseThrow()).value();
    assertThat(tokens.authenticate(token)).isPresent();
    String forged = token.substring(0, token.indexOf('.')) + ".AAAA";
    assertThat(tokens.authenticate(forged)).isEmpty();
    TokenService otherEngine = new TokenService(clients, "aud", Duration.ofMinutes(5), () -> now[0]);
    assertThat(otherEngine.authenticate(token)).as("another key").isEmpty();
    now[0] += Duration.ofMinutes(6).toMillis();
    assertThat(tokens.authenticate(token)).as("expired").isEmpty();
  }

  @Test
  void aClientsFileIsReadWithClearErrors(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("clients.json");
    Files.writeString(file, "{\"clients\": [{\"id\": \"w\", \"secretHash\": \""
        + SecretHash.of(WORKER_SECRET.toCharArray()) + "\", \"commands\": [\"ActivateJobs\"],"
        + " \"jobTypes\": [\"flep.analyst-a.*\"]}]}");
    EngineClients clients = EngineClients.load(file);
    assertThat(clients.authenticate("w", WORKER_SECRET.toCharArray())).isPresent()
        .get().satisfies(c -> {
          assertThat(c.permissions().mayHandleJobType("flep.analyst-a.train")).isTrue();
          assertThat(c.permissions().mayHandleJobType("flep.analyst-b.train")).isFalse();
          assertThat(c.permissions().mayUse("CompleteJob")).isFalse();
        });
    Files.writeString(file, "{\"clients\": [{\"id\": \"w\", \"secretHash\": \"plain-text\"}]}");
    assertThatThrownBy(() -> EngineClients.load(file))
        .hasMessageContaining("clients[0]").hasMessageContaining("pbkdf2-sha256");
  }

}
