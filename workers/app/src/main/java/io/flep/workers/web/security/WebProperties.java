package io.flep.workers.web.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code flep.web.*}: settings of the web app of {@code flep serve}.
 *
 * @param allowedHosts the values the {@code Host} header may have ({@link AllowedHostsFilter}): each entry a host
 *     name or address, alone (then at the server's port) or with a port ({@code flep.example.org:443})
 */
@ConfigurationProperties("flep.web")
public record WebProperties(@DefaultValue({"localhost", "127.0.0.1", "[::1]"}) List<String> allowedHosts) {}
