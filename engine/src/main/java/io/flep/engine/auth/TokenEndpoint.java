package io.flep.engine.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth 2 token endpoint (RFC 6749 section 4.4, client credentials) the Camunda client's
 * standard OAuth support talks to: {@code POST} a form with {@code grant_type=client_credentials},
 * {@code client_id}, {@code client_secret} and {@code audience}; answers {@code access_token},
 * {@code token_type} and {@code expires_in}, or an RFC 6749 error.
 */
public final class TokenEndpoint implements HttpHandler {
  public static final String PATH = "/oauth/token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 8192;

  private final TokenService tokens;

  public TokenEndpoint(TokenService tokens) {
    this.tokens = tokens;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().add("Allow", "POST");
        send(exchange, 405, error("invalid_request", "use POST"));
        return;
      }
      Map<String, String> form = form(exchange.getRequestBody());
      if (!"client_credentials".equals(form.get("grant_type"))) {
        send(exchange, 400, error("unsupported_grant_type", "only client_credentials is supported"));
        return;
      }
      if (!tokens.audience().equals(form.get("audience"))) {
        send(exchange, 400, error("invalid_request", "the audience must be '" + tokens.audience() + "'"));
        return;
      }
      String id = form.getOrDefault("client_id", "");
      char[] secret = form.getOrDefault("client_secret", "").toCharArray();
      Optional<EngineClient> client = tokens.clients().authenticate(id, secret);
      Arrays.fill(secret, '\0');
      if (client.isEmpty()) {
        send(exchange, 401, error("invalid_client", "unknown client or wrong secret"));
        return;
      }
      AccessToken token = tokens.issue(client.get());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("access_token", token.value());
      body.put("token_type", "Bearer");
      body.put("expires_in", token.expiresInSeconds());
      exchange.getResponseHeaders().add("Cache-Control", "no-store");
      send(exchange, 200, body);
    }
  }

  private static Map<String, String> form(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    Map<String, String> form = new HashMap<>();
    if (bytes.length > MAX_BODY) {
      return form;
    }
    for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static Map<String, Object> error(String code, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("error_description", description);
    return body;
  }

  private static void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
