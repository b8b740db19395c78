package io.flep.workers.web.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users of the web app, for admins only ({@link WebSecurityConfiguration}): {@code GET /api/users} lists them;
 * {@code POST /api/users {"name": ..., "role": "viewer|operator|admin"}} adds one and {@code POST
 * /api/users/{name}/password} gives one a new password, each answering the generated password once in its body
 * (responses are {@code Cache-Control: no-store}); {@code DELETE /api/users/{name}} removes one (not the last
 * admin). A reset or a removal ends that user's sessions at once.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/users")
public class UsersController {
  private final WebUsers users;
  private final SessionRegistry sessions;

  public UsersController(WebUsers users, SessionRegistry sessions) {
    this.users = users;
    this.sessions = sessions;
  }

  @GetMapping
  public List<Map<String, Object>> list() {
    return users.list().stream().map(u -> Map.<String, Object>of("name", u.name(), "role", u.role().shown(),
        "createdAt", u.createdAt().toString(), "passwordChangedAt", u.passwordChangedAt().toString())).toList();
  }

  @PostMapping
  public ResponseEntity<Map<String, String>> add(@RequestBody JsonNode body) {
    if (body == null || !body.hasNonNull("name") || !body.hasNonNull("role")) {
      throw new IllegalArgumentException("send {\"name\": ..., \"role\": \"viewer|operator|admin\"}");
    }
    WebUsers.Credentials added = users.add(body.get("name").asText(), WebRole.parse(body.get("role").asText()));
    return ResponseEntity.created(URI.create("/api/users/" + added.name())).body(shown(added));
  }

  @PostMapping("/{name}/password")
  public ResponseEntity<?> resetPassword(@PathVariable String name) {
    return users.resetPassword(name).<ResponseEntity<?>>map(reset -> {
      endSessions(name);
      return ResponseEntity.ok(shown(reset));
    }).orElseGet(() -> unknown(name));
  }

  @DeleteMapping("/{name}")
  public ResponseEntity<?> remove(@PathVariable String name) {
    if (!users.remove(name)) {
      return unknown(name);
    }
    endSessions(name);
    return ResponseEntity.noContent().build();
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "Invalid user", e.getMessage());
  }

  @ExceptionHandler(WebUsers.ConflictException.class)
  ResponseEntity<ProblemDetail> conflict(WebUsers.ConflictException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
  }

  private void endSessions(String name) {
    sessions.getAllPrincipals().stream()
        .filter(p -> p instanceof UserDetails u
            && u.getUsername().equals(name))
        .flatMap(p -> sessions.getAllSessions(p, false).stream())
        .forEach(SessionInformation::expireNow);
  }

  private static Map<String, String> shown(WebUsers.Credentials credentials) {
    return Map.of("name", credentials.name(), "role", credentials.role().shown(), "password",
        credentials.password());
  }

  private static ResponseEntity<ProblemDetail> unknown(String name) {
    return problem(HttpStatus.NOT_FOUND, "Unknown user", "no user '" + name + "'");
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return ResponseEntity.of(problem).build();
  }
}
