package io.flep.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code .ci/launcher-test.sh}, the tests of the {@code ./flep} launcher (help without a build, the rebuild
 * check, the build lock, JDK selection) against a fake project, fake Maven and fake JDKs, as part of the suite.
 */
class LauncherScriptTest {

  @Test
  void theLauncherPassesItsOwnTests() throws IOException, InterruptedException {
    Path script = Path.of("..", "..", ".ci", "launcher-test.sh").toAbsolutePath().normalize();
    Process process = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("launcher tests finished").isTrue();

    assertThat(output.lines().filter(l -> l.startsWith("FAIL")).toList()).as(output).isEmpty();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).containsPattern("\\d+ passed, 0 failed");
  }
}
