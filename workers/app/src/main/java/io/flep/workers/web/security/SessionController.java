package io.flep.workers.web.security;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a page needs to send state-changing requests: {@code GET /login/csrf} (open) the CSRF token for
 * {@code POST /login}; {@code GET /api/session} who is logged in, with which role, and the session's CSRF token
 * (a new one after login: Spring Security replaces it then).
 */
@RestController
@ConditionalOnWebApplication
public class SessionController {
  @GetMapping("/login/csrf")
  public Map<String, String> loginToken(CsrfToken token) {
    return csrf(token);
  }

  @GetMapping("/api/session")
  public Map<String, Object> session(Authentication authentication, CsrfToken token) {
    return Map.of("name", authentication.getName(), "role", WebSecurityConfiguration.roleOf(authentication),
        "csrf", csrf(token));
  }

  private static Map<String, String> csrf(CsrfToken token) {
    return Map.of("headerName", token.getHeaderName(), "parameterName", token.getParameterName(), "token",
        token.getToken());
  }
}
