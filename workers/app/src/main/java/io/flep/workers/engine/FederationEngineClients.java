package io.flep.workers.engine;

import io.flep.engine.auth.EngineClient;
import io.flep.engine.auth.EngineClients;
import io.flep.engine.auth.SecretHash;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OAuth 2 clients of one federation's engine on this machine: one per party, with its {@link
 * PartyEnginePermissions}, and the federation admin's ({@value PartyEnginePermissions#ADMIN}). Each secret is 256
 * random bits, new for every federation started; the secrets exist only in this process's memory (and are handed to
 * the parties' Camunda clients), the engine keeps only their hashes.
 */
public final class FederationEngineClients {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EngineClients clients;
  private final Map<String, String> secrets;

  private FederationEngineClients(EngineClients clients, Map<String, String> secrets) {
    this.clients = clients;
    this.secrets = secrets;
  }

  /**
   * Issues the clients.
   *
   * @param roleByParty each party's role by its id (the client id is the party id)
   * @throws IllegalArgumentException if a party is named like the admin, or has an unknown role
   */
  public static FederationEngineClients issue(Map<String, String> roleByParty) {
    if (roleByParty.containsKey(PartyEnginePermissions.ADMIN)) {
      throw new IllegalArgumentException("a party may not be called '" + PartyEnginePermissions.ADMIN
          + "': that is the federation admin's engine client");
    }
    List<EngineClient> clients = new ArrayList<>();
    Map<String, String> secrets = new LinkedHashMap<>();
    String adminSecret = newSecret();
    secrets.put(PartyEnginePermissions.ADMIN, adminSecret);
    clients.add(new EngineClient(PartyEnginePermissions.ADMIN, SecretHash.of(adminSecret.toCharArray()),
        PartyEnginePermissions.admin()));
    roleByParty.forEach((party, role) -> {
      String secret = newSecret();
      secrets.put(party, secret);
      clients.add(new EngineClient(party, SecretHash.of(secret.toCharArray()),
          PartyEnginePermissions.of(role, party)));
    });
    return new FederationEngineClients(EngineClients.of(clients), Map.copyOf(secrets));
  }

  /** What the engine is configured with. */
  EngineClients engineClients() {
    return clients;
  }

  /**
   * The secret of {@code clientId}, for that party's Camunda client only.
   *
   * @throws IllegalArgumentException for a client this federation did not issue
   */
  public String secretOf(String clientId) {
    String secret = secrets.get(clientId);
    if (secret == null) {
      throw new IllegalArgumentException("no engine client '" + clientId + "' in this federation (its parties and "
          + PartyEnginePermissions.ADMIN + ")");
    }
    return secret;
  }

  private static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "FederationEngineClients" + secrets.keySet();
  }
}
