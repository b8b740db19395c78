package io.flep.engine.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the engine's bearer tokens: {@code base64url(client id | audience | expiry)}
 * followed by an HMAC-SHA256 tag under a random key that lives only in this process. A token is
 * accepted while unexpired, for its audience, and while its client is still listed; after a
 * restart every token is invalid and clients fetch a new one (the Camunda client does so on
 * {@code UNAUTHENTICATED}).
 */
public final class TokenService {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final EngineClients clients;
  private final String audience;
  private final Duration lifetime;
  private final LongSupplier clock;
  private final SecretKeySpec key;

  public TokenService(EngineClients clients, String audience, Duration lifetime, LongSupplier clock) {
    this.clients = clients;
    this.audience = audience;
    this.lifetime = lifetime;
    this.clock = clock;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  public String audience() {
    return audience;
  }

  public EngineClients clients() {
    return clients;
  }

  /** A token for an authenticated client. */
  public AccessToken issue(EngineClient client) {
    long expiry = clock.getAsLong() / 1000 + lifetime.toSeconds();
    String payload = client.id() + "|" + audience + "|" + expiry;
    String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return new AccessToken(body + "." + B64.encodeToString(tag(body)), lifetime.toSeconds());
  }

  /** The client a bearer token stands for, if it is genuine, unexpired and for this engine. */
  public Optional<EngineClient> authenticate(String token) {
    if (token == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String body = token.substring(0, dot);
    byte[] presented;
    String payload;
    try {
      presented = B64D.decode(token.substring(dot + 1));
      payload = new String(B64D.decode(body), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(presented, tag(body))) {
      return Optional.empty();
    }
    String[] parts = payload.split("\\|");
    if (parts.length != 3 || !parts[1].equals(audience)) {
      return Optional.empty();
    }
    long expiry;
    try {
      expiry = Long.parseLong(parts[2]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (expiry <= clock.getAsLong() / 1000) {
      return Optional.empty();
    }
    return clients.client(parts[0]);
  }

  private byte[] tag(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
