package io.flep.workers.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flep.workers.testing.ServedFlepTest;
import io.flep.workers.testing.WebSession;
import io.flep.workers.web.security.WebRole;
import io.flep.workers.web.security.WebUsers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who may use the web app, over real HTTP on a random port: nothing but the login page without a login, roles,
 * CSRF, HTTP Basic for scripts, user management by admins, and the {@code Host} check.
 */
class WebAccessTest extends ServedFlepTest {
  private static final String BAD_RUN = "{\"analysts\": 99}"; // refused after the role check, before any start

  @Autowired JdbcTemplate jdbc;

  @Test
  void withoutALoginEveryApiRouteIsA401Problem() {
    WebSession anonymous = new WebSession(base());
    String run = "/api/runs/" + UUID.randomUUID();
    List<HttpResponse<String>> answers = List.of(anonymous.get("/api/runs"), anonymous.get(run),
        anonymous.post("/api/runs", "{}"), anonymous.get("/api/session"), anonymous.get("/api/users"),
        anonymous.post("/api/users", "{\"name\": \"mallory\", \"role\": \"admin\"}"),
        anonymous.post("/api/users/admin/password", ""), anonymous.delete("/api/users/admin"));
    for (HttpResponse<String> answer : answers) {
      assertThat(answer.statusCode()).as("%s %s: %s", answer.request().method(), answer.uri(), answer.body())
          .isEqualTo(401);
      assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
      assertThat(answer.headers().firstValue("WWW-Authenticate")).as("no Basic challenge a browser would remember")
          .isEmpty();
    }
    assertThat(WebSession.body(answers.get(0)).get("detail").asText()).contains("log in first");
    assertThat(users.find("mallory")).isEmpty();
  }

  @Test
  void withoutALoginThePageRedirectsToTheLoginPageWhichIsOpen() {
    WebSession anonymous = new WebSession(base());
    for (String page : List.of("/", "/index.html", "/app.js")) {
      HttpResponse<String> answer = anonymous.get(page);
      assertThat(answer.statusCode()).as(page).isEqualTo(302);
      assertThat(answer.headers().firstValue("Location")).as(page).get().asString().endsWith("/login.html");
    }
    for (String open : List.of("/login.html", "/login.js", "/flep.css")) {
      assertThat(anonymous.get(open).statusCode()).as(open).isEqualTo(200);
    }
    assertThat(anonymous.get("/login.html").headers().firstValue("Content-Security-Policy")).get().asString()
        .contains("default-src 'self'");
  }

  @Test
  void aLoginOpensThePageAndTheApiUntilLogout() {
    WebUsers.Credentials viewer = users.add("viewer-login", WebRole.VIEWER);
    WebSession session = new WebSession(base());
    HttpResponse<String> wrong = session.login(viewer.name(), viewer.password() + "x");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(WebSession.body(wrong).get("detail").asText()).isEqualTo("wrong user name or password");
    assertThat(session.login("nobody", viewer.password()).statusCode()).isEqualTo(401);

    HttpResponse<String> login = session.login(viewer.name(), viewer.password());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    assertThat(WebSession.json(login).get("role").asText()).isEqualTo("viewer");
    assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie ->
        assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Strict"));
    assertThat(session.get("/").statusCode()).isEqualTo(200);
    assertThat(session.get("/").body()).contains("<title>FLEP admin</title>");
    assertThat(session.get("/api/runs").statusCode()).isEqualTo(200);
    JsonNode me = WebSession.json(session.get("/api/session"));
    assertThat(me.get("name").asText()).isEqualTo(viewer.name());
    assertThat(me.at("/csrf/headerName").asText()).isEqualTo("X-CSRF-TOKEN");

    assertThat(session.post("/logout", "").statusCode()).isEqualTo(204);
    assertThat(session.get("/api/runs").statusCode()).isEqualTo(401);
  }

  @Test
  void aViewerCannotStartARunAnOperatorAndAnAdminCan() {
    HttpResponse<String> viewer = loggedIn(WebRole.VIEWER).post("/api/runs", BAD_RUN);
    assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(403);
    assertThat(WebSession.body(viewer).get("detail").asText()).contains("(viewer) may not POST /api/runs");
    // 400: past the role check, refused for the option
    assertThat(loggedIn(WebRole.OPERATOR).post("/api/runs", BAD_RUN).statusCode()).isEqualTo(400);
    assertThat(loggedIn(WebRole.ADMIN).post("/api/runs", BAD_RUN).statusCode()).isEqualTo(400);

    WebSession operator = loggedIn(WebRole.OPERATOR);
    HttpResponse<String> started = operator.post("/api/runs",
        "{\"analysts\": 2, \"rounds\": 1, \"minContributors\": 2, \"seed\": 3}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String runId = WebSession.json(started).get("runId").asText();
    WebSession viewerSession = loggedIn(WebRole.VIEWER);
    // the run ends before the shared process does
    Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
        !"RUNNING".equals(WebSession.json(viewerSession.get("/api/runs/" + runId)).get("status").asText()));
    assertThat(WebSession.json(viewerSession.get("/api/runs/" + runId)).get("status").asText())
        .isEqualTo("COMPLETED");
  }

  @Test
  void aPostInALoginSessionWithoutTheCsrfTokenIsRefused() {
    WebSession operator = loggedIn(WebRole.OPERATOR);
    HttpResponse<String> withoutToken = operator.postWithoutCsrfToken("/api/runs", BAD_RUN);
    assertThat(withoutToken.statusCode()).as(withoutToken.body()).isEqualTo(403);
    assertThat(WebSession.body(withoutToken).get("title").asText()).isEqualTo("CSRF token missing or wrong");
    HttpResponse<String> wrongToken = operator.send(HttpRequest.newBuilder(base().resolve("/api/runs"))
        .header("Content-Type", "application/json").header("X-CSRF-TOKEN", "forged")
        .POST(HttpRequest.BodyPublishers.ofString(BAD_RUN)));
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    assertThat(operator.postWithoutCsrfToken("/logout", "").statusCode()).as("logout needs the token too")
        .isEqualTo(403);
    assertThat(operator.get("/api/runs").statusCode()).as("still logged in").isEqualTo(200);
  }

  @Test
  void scriptsUseHttpBasicWithoutSessionOrCsrfToken() {
    WebUsers.Credentials operator = users.add("script-operator", WebRole.OPERATOR);
    WebSession script = new WebSession(base());
    HttpResponse<String> read = script.send(basic(HttpRequest.newBuilder(base().resolve("/api/runs")).GET(),
        operator.name(), operator.password()));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().allValues("Set-Cookie")).as("no session for Basic").isEmpty();
    HttpResponse<String> post = script.send(basic(HttpRequest.newBuilder(base().resolve("/api/runs"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BAD_RUN)),
        operator.name(), operator.password()));
    assertThat(post.statusCode()).as("past authentication, role and CSRF: %s", post.body()).isEqualTo(400);
    HttpResponse<String> wrong = script.send(basic(HttpRequest.newBuilder(base().resolve("/api/runs")).GET(),
        operator.name(), "wrong"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  @Test
  void anAdminManagesUsersOthersMayNot() {
    WebSession admin = loggedIn(WebRole.ADMIN);
    HttpResponse<String> added = admin.post("/api/users", "{\"name\": \"olivia\", \"role\": \"operator\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    assertThat(added.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
    String password = WebSession.json(added).get("password").asText();
    assertThat(password).hasSizeGreaterThanOrEqualTo(20);
    WebSession olivia = WebSession.loggedIn(base(), "olivia", password);
    assertThat(olivia.get("/api/users").statusCode()).isEqualTo(403);
    assertThat(olivia.post("/api/users", "{\"name\": \"eve\", \"role\": \"admin\"}").statusCode()).isEqualTo(403);
    assertThat(loggedIn(WebRole.VIEWER).get("/api/users").statusCode()).isEqualTo(403);
    assertThat(admin.post("/api/users", "{\"name\": \"olivia\", \"role\": \"viewer\"}").statusCode())
        .isEqualTo(409);
    assertThat(admin.post("/api/users", "{\"name\": \"Bad Name\", \"role\": \"viewer\"}").statusCode())
        .isEqualTo(400);
    assertThat(admin.post("/api/users", "{\"name\": \"ok\", \"role\": \"root\"}").statusCode()).isEqualTo(400);

    String hash = jdbc.queryForObject("select password_hash from web_user where name = 'olivia'", String.class);
    assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(password);

    // a reset ends olivia's session and her old password
    HttpResponse<String> reset = admin.post("/api/users/olivia/password", "");
    assertThat(reset.statusCode()).isEqualTo(200);
    String newPassword = WebSession.json(reset).get("password").asText();
    assertThat(newPassword).isNotEqualTo(password);
    assertThat(olivia.get("/api/runs").statusCode()).as("session ended by the reset").isEqualTo(401);
    assertThat(new WebSession(base()).login("olivia", password).statusCode()).isEqualTo(401);
    WebSession.loggedIn(base(), "olivia", newPassword);

    assertThat(WebSession.json(admin.get("/api/users")).findValuesAsText("name")).contains("olivia");
    assertThat(admin.delete("/api/users/olivia").statusCode()).isEqualTo(204);
    assertThat(new WebSession(base()).login("olivia", newPassword).statusCode()).isEqualTo(401);
    assertThat(admin.delete("/api/users/olivia").statusCode()).isEqualTo(404);
    assertThat(admin.post("/api/users/nobody/password", "").statusCode()).isEqualTo(404);
  }

  @Test
  void theLastAdminCannotBeRemoved() {
    jdbc.update("delete from web_user where role = 'ADMIN' and name <> ?", WebUsers.FIRST_ADMIN);
    WebUsers.Credentials admin = users.resetPassword(WebUsers.FIRST_ADMIN).orElseThrow();
    WebSession session = WebSession.loggedIn(base(), admin.name(), admin.password());
    HttpResponse<String> removal = session.delete("/api/users/" + WebUsers.FIRST_ADMIN);
    assertThat(removal.statusCode()).as(removal.body()).isEqualTo(409);
    assertThat(WebSession.body(removal).get("detail").asText()).contains("last admin");
  }

  @Test
  void theFirstAdminIsCreatedOnlyWhileThereIsNoUser() {
    assertThat(users.find(WebUsers.FIRST_ADMIN)).get().extracting(WebUsers.WebUser::role).isEqualTo(WebRole.ADMIN);
    assertThat(users.createFirstAdmin()).isEmpty();
  }

  @Test
  void aRequestForAnotherHostIsRefusedBeforeAnythingElse() throws IOException {
    for (String path : List.of("/api/runs", "/login.html", "/login/csrf")) {
      String answer = rawGet(path, "rebound.example:" + port);
      assertThat(answer).as(path).startsWith("HTTP/1.1 400").contains("application/problem+json")
          .contains("Host 'rebound.example:" + port + "'").contains("flep.web.allowed-hosts")
          .doesNotContain("JSESSIONID");
    }
    assertThat(rawGet("/login.html", "127.0.0.1:" + (port + 1))).startsWith("HTTP/1.1 400");
    for (String allowed : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port)) {
      assertThat(rawGet("/login.html", allowed)).as(allowed).startsWith("HTTP/1.1 200");
    }
  }

  /** A GET with the given Host header, as a rebound DNS name makes a browser send it. */
  private String rawGet(String path, String host) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static HttpRequest.Builder basic(HttpRequest.Builder request, String user, String password) {
    return request.header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }
}
