package io.flep.workers.web.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.RequestCacheConfigurer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.session.ConcurrentSessionFilter;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Who may use the web app of {@code flep serve}, and how they prove it (README, "Who may use the web app").
 *
 * <ul>
 *   <li>Every request first passes {@link AllowedHostsFilter} (the {@code Host} header).
 *   <li>Only the login page ({@code /login.html}, {@code /login.js}, {@code /flep.css}), its CSRF token
 *       ({@code GET /login/csrf}) and {@code POST /login} are open; any other {@code /api/**} request without a
 *       login is a {@code 401} problem, any other page a redirect to the login page.
 *   <li>{@code POST /login} (form fields {@code username}, {@code password}) starts a session (cookie
 *       {@code JSESSIONID}, HttpOnly, SameSite=Strict); HTTP Basic is accepted for scripts, without a session and
 *       without a {@code WWW-Authenticate: Basic} challenge, so a browser never stores Basic credentials.
 *   <li>Every state-changing request authenticated by the session cookie needs the session's CSRF token in
 *       {@code X-CSRF-TOKEN} ({@code GET /api/session} tells it); one that carries Basic credentials does not:
 *       another site cannot make a browser send an {@code Authorization} header.
 *   <li>Roles: viewer reads runs and reports, operator also starts runs, admin also manages users
 *       ({@code /api/users}). Resetting a password or removing a user ends that user's sessions.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // flep run has no web server
@EnableConfigurationProperties(WebProperties.class)
public class WebSecurityConfiguration {
  static final String LOGIN_PAGE = "/login.html";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Bean
  PasswordEncoder webPasswordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // bcrypt, "{bcrypt}" prefix
  }

  @Bean
  WebUsers webUsers(JdbcTemplate jdbc, PlatformTransactionManager transactions, PasswordEncoder encoder) {
    return new WebUsers(jdbc, transactions, encoder);
  }

  @Bean
  FirstAdmin firstAdmin(WebUsers users) {
    return new FirstAdmin(users, System.out);
  }

  @Bean
  RoleHierarchy webRoleHierarchy() {
    return RoleHierarchyImpl.withDefaultRolePrefix()
        .role(WebRole.ADMIN.name()).implies(WebRole.OPERATOR.name())
        .role(WebRole.OPERATOR.name()).implies(WebRole.VIEWER.name())
        .build();
  }

  @Bean
  SessionRegistry webSessions() {
    return new SessionRegistryImpl();
  }

  /** Tells {@link #webSessions()} when a session ends, so it does not keep them all. */
  @Bean
  HttpSessionEventPublisher webSessionEvents() {
    return new HttpSessionEventPublisher();
  }

  @Bean
  AllowedHostsFilter allowedHostsFilter(WebProperties properties) {
    return new AllowedHostsFilter(properties.allowedHosts());
  }

  @Bean
  FilterRegistrationBean<AllowedHostsFilter> allowedHostsFirst(AllowedHostsFilter filter) {
    FilterRegistrationBean<AllowedHostsFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE); // before Spring Security's filters
    return registration;
  }

  @Bean
  SecurityFilterChain webSecurity(HttpSecurity http, SessionRegistry sessions) throws Exception {
    AuthenticationEntryPoint loginFirst = WebSecurityConfiguration::loginFirst;
    RequestMatcher basicCredentials = request -> {
      String authorization = request.getHeader("Authorization");
      return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    };
    http
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers(HttpMethod.GET, LOGIN_PAGE, "/login.js", "/flep.css", "/login/csrf").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/runs").hasRole(WebRole.OPERATOR.name())
            .requestMatchers("/api/users", "/api/users/**").hasRole(WebRole.ADMIN.name())
            .requestMatchers("/api/**").hasRole(WebRole.VIEWER.name())
            .anyRequest().authenticated())
        .formLogin(login -> login.loginPage(LOGIN_PAGE).loginProcessingUrl("/login").permitAll()
            .successHandler((request, response, authentication) -> {
              sessions.registerNewSession(request.getSession().getId(), authentication.getPrincipal());
              loggedIn(response, authentication);
            })
            .failureHandler((request, response, e) -> Problems.write(response, 401, "Login failed",
                "wrong user name or password")))
        .httpBasic(basic -> basic.authenticationEntryPoint(loginFirst))
        .logout(logout -> logout.logoutUrl("/logout")
            .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
        .csrf(csrf -> csrf.requireCsrfProtectionMatcher(
            new AndRequestMatcher(CsrfFilter.DEFAULT_CSRF_MATCHER, new NegatedRequestMatcher(basicCredentials))))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(loginFirst).accessDeniedHandler(denied()))
        .requestCache(RequestCacheConfigurer::disable) // no session for a request that is refused anyway
        // login sessions are registered at POST /login only (Spring's maximumSessions would also give every
        // Basic request a session), so that UsersController can end them
        .addFilterAfter(new ConcurrentSessionFilter(sessions, event -> Problems.write(event.getResponse(), 401,
            "Session ended", "your password was reset or your user removed; log in again")),
            SecurityContextHolderFilter.class)
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")));
    return http.build();
  }

  private static void loginFirst(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (!isApi(request)) {
      response.sendRedirect(request.getContextPath() + LOGIN_PAGE);
    } else if (request.getHeader("Authorization") != null) {
      Problems.write(response, 401, "Login failed", "wrong user name or password");
    } else {
      Problems.write(response, 401, "Login required", "log in first: POST /login with the form fields username and"
          + " password starts a session (the web page does that), or send HTTP Basic credentials");
    }
  }

  private static AccessDeniedHandler denied() {
    return (request, response, e) -> {
      Authentication who = SecurityContextHolder.getContext().getAuthentication();
      boolean loggedIn = who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
      if (e instanceof CsrfException && !loggedIn && !request.getRequestURI().endsWith("/login")) {
        // the CSRF check comes before the login check: without a login, say that first
        loginFirst(request, response, null);
        return;
      }
      if (e instanceof CsrfException) {
        Problems.write(response, 403, "CSRF token missing or wrong", "a " + request.getMethod() + " in a login"
            + " session needs the session's CSRF token in the X-CSRF-TOKEN header (GET /api/session tells it;"
            + " before logging in, GET /login/csrf)");
        return;
      }
      Problems.write(response, 403, "Not allowed", "user '" + (who == null ? "?" : who.getName()) + "' ("
          + roleOf(who) + ") may not " + request.getMethod() + " " + request.getRequestURI() + "; viewer reads runs,"
          + " operator also starts runs, admin also manages users");
    };
  }

  private static void loggedIn(HttpServletResponse response, Authentication authentication) throws IOException {
    response.setStatus(200);
    response.setContentType("application/json");
    JSON.writeValue(response.getOutputStream(), Map.of("name", authentication.getName(), "role",
        roleOf(authentication)));
  }

  /** The role of a logged-in user as the API shows it ({@code operator}). */
  static String roleOf(Authentication authentication) {
    if (authentication == null) {
      return "no role";
    }
    return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .flatMap(a -> Arrays.stream(WebRole.values()).filter(r -> r.authority().equals(a))).map(WebRole::shown)
        .findFirst().orElse("no role");
  }

  private static boolean isApi(HttpServletRequest request) {
    return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }
}
