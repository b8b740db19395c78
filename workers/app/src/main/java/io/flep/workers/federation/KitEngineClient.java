package io.flep.workers.federation;

import io.flep.engine.FlepEngine;
import io.flep.engine.auth.TokenEndpoint;
import io.flep.workers.store.OwnerOnlyFiles;
import io.flep.workers.trust.StartupKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The standard Camunda client settings that make a party reach its federation's FLEP engine as its own engine client,
 * with the secret from its startup kit ({@code flep federation enroll} issued it): OAuth 2 client credentials, client
 * id = party id, tokens from the engine's REST address + {@code /oauth/token}, cached in the party's owner-only
 * {@code secrets/}. A party with an engine client does not deploy: the federation admin does.
 */
public final class KitEngineClient {
  private KitEngineClient() {}

  /**
   * The settings, or none when the kit holds no engine client secret (an engine without authentication, or a
   * Camunda 8 cluster configured with {@code camunda.client.auth.*}).
   *
   * @throws IllegalArgumentException if the kit holds a secret but no REST address is known to fetch tokens from
   */
  public static Optional<Map<String, Object>> settings(StartupKit kit, String engineRest, Path dataDir) {
    Optional<char[]> secret = kit.engineClientSecret();
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    if (engineRest == null || engineRest.isBlank()) {
      throw new IllegalArgumentException("the startup kit in " + kit.dir() + " holds an engine client, but neither the"
          + " kit nor --engine-rest says the engine's REST address, where its tokens come from");
    }
    Path tokenCache = dataDir.resolve(FederationEngine.TOKEN_CACHE);
    try {
      OwnerOnlyFiles.createDirectory(tokenCache.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + tokenCache.getParent() + ": " + e.getMessage(), e);
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("camunda.client.auth.method", "oidc");
    settings.put("camunda.client.auth.client-id", kit.partyId());
    settings.put("camunda.client.auth.client-secret", new String(secret.get()));
    java.util.Arrays.fill(secret.get(), '\0');
    settings.put("camunda.client.auth.audience", FlepEngine.DEFAULT_AUDIENCE);
    settings.put("camunda.client.auth.token-url", tokenUrl(engineRest));
    settings.put("camunda.client.auth.credentials-cache-path", tokenCache.toString());
    settings.put("camunda.client.deployment.enabled", "false");
    return Optional.of(settings);
  }

  /** The token endpoint of the FLEP engine whose REST API is at {@code restAddress}. */
  public static String tokenUrl(String restAddress) {
    String base = restAddress.endsWith("/") ? restAddress.substring(0, restAddress.length() - 1) : restAddress;
    return base + TokenEndpoint.PATH;
  }
}
