package io.flep.workers.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.workers.run.TestDirectories;
import io.flep.workers.testing.ServeProcess;
import io.flep.workers.testing.WebSession;
import io.flep.workers.web.security.WebUsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Acceptance, with {@code java -jar flep.jar} as real processes: the first start of {@code flep serve} prints the
 * first admin's password once, framed, on standard output; a second start prints none; {@code flep serve
 * reset-password} gives a new one; no password is in the logs or anywhere in the data directory.
 */
@Tag("acceptance")
class ServeLoginTest {
  private static final Pattern PASSWORD_LINE = Pattern.compile("(?m)^  password: ");

  @Test
  void theFirstStartPrintsTheAdminPasswordOnceAndNothingKeepsItInClear() throws Exception {
    Path dataDir = TestDirectories.create("serve-login");
    int port = ServeProcess.freePort();
    String first;
    Path firstConsole;
    try (ServeProcess serve = ServeProcess.start(dataDir, port, "first")) {
      serve.awaitUp(Duration.ofMinutes(3));
      first = serve.firstAdminPassword(Duration.ofMinutes(1));
      assertThat(first).hasSizeGreaterThanOrEqualTo(20);
      assertThat(serve.output()).contains("=".repeat(78) + "\nflep serve: first start")
          .contains("  user:     admin\n  password: " + first + "\n");
      assertThat(PASSWORD_LINE.matcher(serve.output()).results().count()).isEqualTo(1);
      assertThat(new WebSession(serve.base()).get("/api/runs").statusCode()).isEqualTo(401);
      serve.login(WebUsers.FIRST_ADMIN, first);
      assertThat(serve.get("/api/runs").statusCode()).isEqualTo(200);
      firstConsole = serve.log();
    }

    Path resetConsole = dataDir.resolve("reset.log");
    List<String> reset = new ArrayList<>(ServeProcess.flepJar());
    reset.addAll(List.of("serve", "reset-password", "admin", "--data-dir", dataDir.toString()));
    Process resetting = new ProcessBuilder(reset).redirectErrorStream(true).redirectOutput(resetConsole.toFile())
        .start();
    assertThat(resetting.waitFor(3, TimeUnit.MINUTES)).isTrue();
    String resetOutput = Files.readString(resetConsole);
    assertThat(resetting.exitValue()).as(resetOutput).isZero();
    Matcher newPassword = Pattern.compile("(?m)^  (\\S{20,})$").matcher(resetOutput);
    assertThat(newPassword.find()).as(resetOutput).isTrue();
    String second = newPassword.group(1);

    try (ServeProcess serve = ServeProcess.start(dataDir, port, "second")) {
      serve.awaitUp(Duration.ofMinutes(3));
      assertThat(new WebSession(serve.base()).login(WebUsers.FIRST_ADMIN, second).statusCode()).isEqualTo(200);
      assertThat(new WebSession(serve.base()).login(WebUsers.FIRST_ADMIN, first).statusCode()).isEqualTo(401);
      assertThat(serve.output()).as("a later start prints no password").doesNotContain("password:")
          .doesNotContain(first).doesNotContain(second);
    }

    Path log = dataDir.resolve("logs").resolve("flep.log");
    assertThat(log).exists();
    List<Path> consoles = List.of(firstConsole, resetConsole);
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> !consoles.contains(f)).toList()) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(content).as("%s holds a password in clear", file).doesNotContain(first).doesNotContain(second);
      }
    }
  }
}
