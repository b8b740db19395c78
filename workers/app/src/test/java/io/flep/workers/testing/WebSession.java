package io.flep.workers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A browser-like client of the web app of {@code flep serve}: real HTTP ({@link HttpClient}), its own cookies (the
 * login session), no redirects followed, and the session's CSRF token sent with every state-changing request as the
 * page does.
 */
public final class WebSession {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;
  private String csrfHeader = "X-CSRF-TOKEN";
  private String csrfToken;

  public WebSession(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A session logged in as {@code user}; fails the test if the login is refused. */
  public static WebSession loggedIn(URI base, String user, String password) {
    WebSession session = new WebSession(base);
    HttpResponse<String> login = session.login(user, password);
    if (login.statusCode() != 200) {
      throw new AssertionError("login of " + user + " answered " + login.statusCode() + ": " + login.body());
    }
    return session;
  }

  /** What the login page does: the CSRF token of {@code GET /login/csrf}, then {@code POST /login}. */
  public HttpResponse<String> login(String user, String password) {
    JsonNode csrf = json(get("/login/csrf"));
    HttpResponse<String> login = send(HttpRequest.newBuilder(base.resolve("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header(csrf.get("headerName").asText(), csrf.get("token").asText())
        .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(password))));
    if (login.statusCode() == 200) {
      refreshCsrfToken();
    }
    return login;
  }

  /** The session's CSRF token as {@code GET /api/session} tells it (it changes at login). */
  public void refreshCsrfToken() {
    JsonNode csrf = json(get("/api/session")).get("csrf");
    csrfHeader = csrf.get("headerName").asText();
    csrfToken = csrf.get("token").asText();
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  public HttpResponse<String> post(String path, String json) {
    return send(withCsrf(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))));
  }

  /** A POST as another site's form could send it: with the session cookie, without the CSRF token. */
  public HttpResponse<String> postWithoutCsrfToken(String path, String json) {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> delete(String path) {
    return send(withCsrf(HttpRequest.newBuilder(base.resolve(path)).DELETE()));
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The body as JSON, requiring a 2xx answer. */
  public static JsonNode json(HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
          + response.statusCode() + ": " + response.body());
    }
    return body(response);
  }

  /** The body as JSON, whatever the status (a problem, for instance). */
  public static JsonNode body(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
    return csrfToken == null ? request : request.header(csrfHeader, csrfToken);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
