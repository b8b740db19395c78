package io.flep.workers.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ClientStatusException;
import io.flep.engine.FlepEngine;
import io.flep.engine.auth.EngineClients;
import io.flep.workers.engine.EngineClientRegistry;
import io.flep.workers.engine.PartyEnginePermissions;
import io.flep.workers.engine.StandaloneEngineDatabase;
import io.flep.workers.task.JobTypes;
import io.flep.workers.testing.FlepCli;
import io.flep.workers.trust.StartupKit;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A federation's admin runs the engine on its own ({@code flep engine --clients}) with the clients file {@code flep
 * federation} keeps: enrolling issues each party its engine client into its kit, only the admin deploys ({@code flep
 * federation deploy}), a party reaches the engine with its kit's client and nothing beyond its permissions, and a
 * revoked party is refused by the running engine.
 */
class StandaloneFederationEngineTest {
  @TempDir Path dir;

  @Test
  void enrolledPartiesReachTheEngineWithTheirKitsAndARevokedOneIsRefused() throws Exception {
    Path federation = dir.resolve("federation");
    FlepCli.Result init = FlepCli.run("federation", "init", "--dir", federation.toString());
    assertThat(init.exitCode()).as(init.err()).isZero();
    Path clientsFile = federation.resolve(EngineClientRegistry.CLIENTS);
    assertThat(init.out()).contains(clientsFile.toString());
    assertThat(Files.getPosixFilePermissions(federation.resolve("engine/federation-admin.secret")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(EngineClients.load(clientsFile).client(PartyEnginePermissions.ADMIN)).isPresent();

    try (StandaloneEngineDatabase database = StandaloneEngineDatabase.open(dir.resolve("engine"), Map.of())) {
      FlepEngine engine = FlepEngine.builder().dataSource(database.dataSource())
          .grpcAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).restPort(0)
          .authentication(EngineClients.watching(clientsFile)).build().start();
      try {
        String grpc = engine.grpcAddress().toString();
        String rest = engine.restAddress().toString();
        for (String[] party : new String[][] {{"data-owner", "data-owner"}, {"analyst", "analyst-1"}}) {
          FlepCli.Result enroll = FlepCli.run("federation", "enroll", "--dir", federation.toString(), "--role",
              party[0], "--id", party[1], "--out", dir.resolve("kit-" + party[1]).toString(), "--engine", grpc,
              "--engine-rest", rest);
          assertThat(enroll.exitCode()).as(enroll.err()).isZero();
        }
        Path secretFile = dir.resolve("kit-analyst-1").resolve("engine-client.secret");
        assertThat(Files.getPosixFilePermissions(secretFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String analystSecret = Files.readString(secretFile).strip();
        assertThat(Files.readString(clientsFile)).as("the clients file holds hashes only")
            .contains("\"analyst-1\"").doesNotContain(analystSecret);

        StartupKit analystKit = StartupKit.read(dir.resolve("kit-analyst-1"));
        assertThat(analystKit.settings()).containsEntry(StartupKit.ENGINE_REST, rest);
        try (CamundaClient analyst = clientOf(analystKit, dir.resolve("analyst-1"), engine)) {
          assertThat(analyst.newActivateJobsCommand().jobType(JobTypes.forAnalyst("analyst-1", JobTypes.TRAIN))
              .maxJobsToActivate(1).requestTimeout(Duration.ofSeconds(1)).send().join().getJobs())
              .as("its own job type").isEmpty();
          assertThatThrownBy(() -> analyst.newDeployResourceCommand()
              .addResourceBytes(FederationModels.bundled().get(0).content(), "flep-lifecycle.bpmn").send().join())
              .as("only the admin deploys").isInstanceOf(ClientStatusException.class)
              .hasMessageContaining("may not use DeployResource");

          FlepCli.Result deploy = FlepCli.run("federation", "deploy", "--dir", federation.toString(), "--engine",
              grpc, "--engine-rest", rest);
          assertThat(deploy.exitCode()).as(deploy.err()).isZero();
          assertThat(deploy.out()).contains("process  flep-lifecycle version 1")
              .contains("decision cloud-trust");

          FlepCli.Result revoke = FlepCli.run("federation", "revoke", "--dir", federation.toString(), "analyst-1");
          assertThat(revoke.exitCode()).as(revoke.err()).isZero();
          assertThat(revoke.out()).contains("engine client 'analyst-1' removed");
          Thread.sleep(1_500); // the engine looks at its clients file once a second at most
          assertThatThrownBy(() -> analyst.newActivateJobsCommand()
              .jobType(JobTypes.forAnalyst("analyst-1", JobTypes.TRAIN)).maxJobsToActivate(1)
              .requestTimeout(Duration.ofSeconds(1)).send().join())
              .as("the running engine refuses the revoked party, its cached token included")
              .hasMessageContaining("requires a valid OAuth 2 bearer token");
        }
        try (CamundaClient owner = clientOf(StartupKit.read(dir.resolve("kit-data-owner")), dir.resolve("owner"),
            engine)) {
          assertThat(owner.newActivateJobsCommand().jobType("flep.data-owner.generate").maxJobsToActivate(1)
              .requestTimeout(Duration.ofSeconds(1)).send().join().getJobs()).as("others are unaffected").isEmpty();
        }
      } finally {
        engine.close();
      }
    }
  }

  @Test
  void deployNamesWhatIsMissing() {
    FlepCli.Result none = FlepCli.run("federation", "deploy", "--dir", dir.resolve("nothing").toString());
    assertThat(none.exitCode()).isNotZero();
    assertThat(none.err()).contains("holds no federation");

    FlepCli.Result init = FlepCli.run("federation", "init", "--dir", dir.resolve("f").toString());
    assertThat(init.exitCode()).as(init.err()).isZero();
    FlepCli.Result noEngine = FlepCli.run("federation", "deploy", "--dir", dir.resolve("f").toString());
    assertThat(noEngine.exitCode()).isNotZero();
    assertThat(noEngine.err()).contains("--engine ADDRESS and --engine-rest ADDRESS");
  }

  /** The Camunda client a party builds with its kit's settings ({@link KitEngineClient}), as Spring would. */
  private static CamundaClient clientOf(StartupKit kit, Path dataDir, FlepEngine engine) {
    Map<String, Object> settings = KitEngineClient.settings(kit, kit.settings().get(StartupKit.ENGINE_REST), dataDir)
        .orElseThrow();
    assertThat(settings).containsEntry("camunda.client.auth.client-id", kit.partyId())
        .containsEntry("camunda.client.deployment.enabled", "false");
    return CamundaClient.newClientBuilder().applyEnvironmentVariableOverrides(false)
        .grpcAddress(engine.grpcAddress()).restAddress(engine.restAddress()).preferRestOverGrpc(false)
        .credentialsProvider(CredentialsProvider.newCredentialsProviderBuilder()
            .clientId((String) settings.get("camunda.client.auth.client-id"))
            .clientSecret((String) settings.get("camunda.client.auth.client-secret"))
            .audience((String) settings.get("camunda.client.auth.audience"))
            .authorizationServerUrl((String) settings.get("camunda.client.auth.token-url"))
            .credentialsCachePath((String) settings.get("camunda.client.auth.credentials-cache-path"))
            .applyEnvironmentOverrides(false).build())
        .build();
  }
}
