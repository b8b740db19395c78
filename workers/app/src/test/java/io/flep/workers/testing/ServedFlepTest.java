package io.flep.workers.testing;

import io.flep.workers.FlepApplication;
import io.flep.workers.web.security.WebRole;
import io.flep.workers.web.security.WebUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Base of tests that talk to one real FLEP process's web app over HTTP on a random port (embedded engine, embedded
 * PostgreSQL in a fresh data directory, all roles), as {@code flep serve} runs it. Subclasses share the cached
 * Spring context.
 */
@SpringBootTest(classes = FlepApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServedFlepTest {
  private static final Path DATA = temp("served-data");
  private static final Path PLUGINS = temp("served-plugins");
  private static final AtomicInteger USERS = new AtomicInteger();

  @LocalServerPort protected int port;
  @Autowired protected WebUsers users;

  @DynamicPropertySource
  static void flepDirectories(DynamicPropertyRegistry registry) {
    registry.add("flep.data-dir", DATA::toString);
    registry.add("flep.plugins-dir", PLUGINS::toString);
    registry.add("flep.evaluation", () -> "true");
  }

  /** The server as a browser on this machine reaches it. */
  protected URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A new user with {@code role}, added to the store as an admin would, and logged in. */
  protected WebSession loggedIn(WebRole role) {
    WebUsers.Credentials user = users.add(role.name().toLowerCase(Locale.ROOT) + "-" + USERS.incrementAndGet(), role);
    return WebSession.loggedIn(base(), user.name(), user.password());
  }

  private static Path temp(String name) {
    try {
      return Files.createTempDirectory("flep-test-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
