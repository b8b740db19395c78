package io.flep.workers.cli;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.response.DeploymentEvent;
import io.flep.engine.FlepEngine;
import io.flep.workers.engine.EngineClientRegistry;
import io.flep.workers.engine.PartyEnginePermissions;
import io.flep.workers.federation.FederationModels;
import io.flep.workers.federation.KitEngineClient;
import io.flep.workers.task.OneLine;
import io.flep.workers.trust.FederationAuthority;
import io.flep.workers.trust.StartupKit;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flep federation deploy}: the federation admin deploys the models, as the only client allowed to. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = {"Deploys the lifecycle model and the trust decision this FLEP build ships (or",
        "the .bpmn / .dmn FILEs given) to the federation's engine, as the engine client",
        "'" + PartyEnginePermissions.ADMIN + "' (its secret from --dir): the only client the",
        "federation's engine lets deploy. Needs no passphrase; the engine's addresses",
        "come from the federation unless --engine and --engine-rest say otherwise."})
final class FederationDeployCommand implements Callable<Integer> {
  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The federation's directory.")
  Path dir;

  @Option(names = "--engine", paramLabel = "ADDRESS", description = "The engine's gRPC address.")
  String engine;

  @Option(names = "--engine-rest", paramLabel = "ADDRESS",
      description = "The engine's REST address (tokens come from ADDRESS/oauth/token).")
  String engineRest;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Models to deploy instead of the shipped ones.")
  List<Path> files = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path federation = dir.toAbsolutePath();
    Map<String, String> settings = FederationAuthority.settingsOf(federation);
    String grpc = engine != null ? engine : settings.get(StartupKit.ENGINE_GRPC);
    String rest = engineRest != null ? engineRest : settings.get(StartupKit.ENGINE_REST);
    if (grpc == null || rest == null) {
      throw new IllegalArgumentException("the federation in " + federation + " does not say where its engine is: give"
          + " --engine ADDRESS and --engine-rest ADDRESS");
    }
    List<FederationModels.Model> models = files.isEmpty() ? FederationModels.bundled() : FederationModels.files(files);
    EngineClientRegistry registry = EngineClientRegistry.of(federation);
    char[] secret = registry.adminSecret();
    DeploymentEvent deployed;
    try (CamundaClient admin = CamundaClient.newClientBuilder()
        .applyEnvironmentVariableOverrides(false)
        .grpcAddress(URI.create(grpc))
        .restAddress(URI.create(rest))
        .preferRestOverGrpc(false)
        .credentialsProvider(CredentialsProvider.newCredentialsProviderBuilder()
            .clientId(PartyEnginePermissions.ADMIN)
            .clientSecret(new String(secret))
            .audience(FlepEngine.DEFAULT_AUDIENCE)
            .authorizationServerUrl(KitEngineClient.tokenUrl(rest))
            .credentialsCachePath(registry.clientsFile().resolveSibling("token-cache").toString())
            .applyEnvironmentOverrides(false)
            .build())
        .build()) {
      deployed = FederationModels.deploy(admin, models);
    } catch (RuntimeException e) {
      throw new IllegalStateException("the engine at " + grpc + " did not take the deployment: " + OneLine.of(e), e);
    } finally {
      FederationCommand.wipe(secret);
    }
    System.out.println("flep federation: deployed to " + grpc + " (deployment " + deployed.getKey() + ")");
    deployed.getProcesses().forEach(p -> System.out.println("  process  " + p.getBpmnProcessId() + " version "
        + p.getVersion() + " (" + p.getResourceName() + ")"));
    deployed.getDecisions().forEach(d -> System.out.println("  decision " + d.getDmnDecisionId() + " version "
        + d.getVersion() + " (" + d.getDmnDecisionRequirementsId() + ")"));
    return 0;
  }
}
