package io.flep.workers.federation;

import io.camunda.client.CamundaClient;
import io.flep.workers.engine.EmbeddedEngine;
import io.flep.workers.engine.FederationEngineClients;
import io.flep.workers.engine.PartyEnginePermissions;
import io.flep.workers.engine.StandaloneEngineDatabase;
import io.flep.workers.store.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine a federation on this machine shares: FLEP's engine on free loopback ports, its state under {@code
 * engine/}, requiring an OAuth 2 token of one of the federation's clients on every gRPC and REST call. Its admin
 * client deploys the lifecycle model and the trust decision before any party starts; the parties, which may not
 * deploy, skip the deployment every FLEP process otherwise makes on start.
 */
final class FederationEngine {
  /** The Camunda client's token cache of a party, in its data directory's owner-only {@code secrets/}. */
  static final String TOKEN_CACHE = "secrets/engine-token-cache";

  private FederationEngine() {}

  /** A client per party, and the admin's, with fresh secrets. */
  static FederationEngineClients issueClients(List<PartySpec> parties) {
    Map<String, String> roles = new LinkedHashMap<>();
    parties.forEach(party -> roles.put(party.id(), party.role()));
    return FederationEngineClients.issue(roles);
  }

  /**
   * Starts it with its own embedded PostgreSQL under {@code <root>/engine} and deploys the models as the admin;
   * stopping it closes the database too.
   */
  static EmbeddedEngine start(Path root, FederationEngineClients clients) {
    StandaloneEngineDatabase database = StandaloneEngineDatabase.open(root.resolve("engine"), Map.of());
    EmbeddedEngine engine;
    try {
      engine = new EmbeddedEngine(0, 0, database.dataSource(), database, clients).start();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    try {
      deployModels(engine, root.resolve("engine").resolve(TOKEN_CACHE));
    } catch (RuntimeException e) {
      engine.stop();
      throw e;
    }
    return engine;
  }

  private static void deployModels(EmbeddedEngine engine, Path tokenCache) {
    ownerOnlyParent(tokenCache);
    try (CamundaClient admin = engine.newClientBuilder(PartyEnginePermissions.ADMIN, tokenCache).build()) {
      FederationModels.deploy(admin, FederationModels.bundled());
    }
  }

  /**
   * The standard Camunda client settings that make {@code party} reach this engine as its own client: the
   * secret is {@code camunda.client.auth.client-secret}, which the caller must keep off command lines.
   */
  static Map<String, Object> clientSettings(EmbeddedEngine engine, FederationEngineClients clients,
      PartySpec party) {
    Path tokenCache = party.dataDir().resolve(TOKEN_CACHE);
    ownerOnlyParent(tokenCache);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("camunda.client.auth.method", "oidc");
    settings.put("camunda.client.auth.client-id", party.id());
    settings.put("camunda.client.auth.client-secret", clients.secretOf(party.id()));
    settings.put("camunda.client.auth.audience", engine.audience());
    settings.put("camunda.client.auth.token-url", engine.tokenUrl().toString());
    settings.put("camunda.client.auth.credentials-cache-path", tokenCache.toString());
    // the admin deployed the models; a party may not
    settings.put("camunda.client.deployment.enabled", "false");
    return settings;
  }

  private static void ownerOnlyParent(Path file) {
    try {
      OwnerOnlyFiles.createDirectory(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the owner-only directory " + file.getParent() + ": "
          + e.getMessage(), e);
    }
  }
}
