package io.flep.workers.testing;

import io.flep.workers.FlepApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that share one real FLEP process: embedded engine, embedded PostgreSQL in a fresh data
 * directory, all roles. Subclasses share the cached Spring context, so it starts once per test run.
 */
@SpringBootTest(classes = FlepApplication.class)
public abstract class EmbeddedFlepTest {
  private static final Path DATA = temp("data");
  private static final Path PLUGINS = temp("plugins");

  @DynamicPropertySource
  static void flepDirectories(DynamicPropertyRegistry registry) {
    registry.add("flep.data-dir", DATA::toString);
    registry.add("flep.plugins-dir", PLUGINS::toString);
    registry.add("flep.evaluation", () -> "true");
    // this process is also the IIoT services: they trust the test cloud with a secret key when a run's policy does
    registry.add("flep.cloud.trusted-partners", () -> "flep-cloud");
  }

  private static Path temp(String name) {
    try {
      return Files.createTempDirectory("flep-test-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
