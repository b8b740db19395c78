package io.flep.workers.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code 400} to any request whose {@code Host} header is not one of {@code flep.web.allowed-hosts}, before
 * anything else sees it. This defends against DNS rebinding: a web page from elsewhere whose name an attacker points
 * at 127.0.0.1 reaches this server only with its own name in {@code Host}. An entry without a port stands for that
 * host at the port the server listens on; an entry with a port for exactly that (a browser leaves out port 80 and
 * 443, so those also match the bare host).
 */
public class AllowedHostsFilter extends OncePerRequestFilter implements ApplicationListener<WebServerInitializedEvent> {
  private final List<String> entries;
  private volatile Set<String> allowed = Set.of();

  public AllowedHostsFilter(List<String> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The Host values allowed when the server listens on {@code port}. */
  static Set<String> allowedHostValues(List<String> entries, int port) {
    Set<String> values = new LinkedHashSet<>();
    for (String entry : entries) {
      String value = entry.trim().toLowerCase(Locale.ROOT);
      int portSeparator = value.lastIndexOf(':');
      boolean hasPort = portSeparator > value.lastIndexOf(']') && portSeparator >= 0;
      String host = hasPort ? value.substring(0, portSeparator) : value;
      String hostPort = hasPort ? value.substring(portSeparator + 1) : Integer.toString(port);
      values.add(host + ":" + hostPort);
      if (hostPort.equals("80") || hostPort.equals("443")) {
        values.add(host);
      }
    }
    return Set.copyOf(values);
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    allowed = allowedHostValues(entries, event.getWebServer().getPort());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String host = request.getHeader("Host");
    if (host != null && allowed.contains(host.trim().toLowerCase(Locale.ROOT))) {
      chain.doFilter(request, response);
      return;
    }
    Problems.write(response, HttpServletResponse.SC_BAD_REQUEST, "Host not allowed",
        "this server answers only requests for " + String.join(", ", allowed.stream().sorted().toList())
            + ", not for Host '" + host + "' (a defence against DNS rebinding); to reach it under another name,"
            + " add that name to flep.web.allowed-hosts");
  }
}
