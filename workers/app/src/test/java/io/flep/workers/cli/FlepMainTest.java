package io.flep.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.workers.testing.FlepCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes and one-line reasons. */
class FlepMainTest {

  @Test
  void runWithAnUnknownPluginExitsNonZeroAndSaysWhyInOneLine(@TempDir Path dir) {
    FlepCli.Result result = FlepCli.run("run", "--analysts", "2", "--rounds", "1", "--data-cipher", "rot13",
        "--data-dir", dir.resolve("data").toString(), "--plugins-dir", dir.resolve("plugins").toString(),
        "--report", dir.resolve("r.json").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().lines().filter(l -> l.startsWith("flep:")))
        .singleElement().asString().contains("run failed").contains("encrypt").contains("rot13");
    assertThat(result.out()).contains("encrypt").contains("FAILED");
    assertThat(dir.resolve("r.json")).exists();
  }

  @Test
  void badOptionValueIsRejectedBeforeAnythingStarts(@TempDir Path dir) {
    FlepCli.Result result = FlepCli.run("run", "--cloud", "sideways", "--data-dir", dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("--cloud must be one of").contains("sideways");
    assertThat(Files.exists(dir.resolve("postgres"))).as("nothing was started").isFalse();
  }

  @Test
  void pluginsListsTheBuiltInsAndNamesSkippedJars(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3});

    FlepCli.Result result = FlepCli.run("plugins", "--plugins-dir", dir.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("aes-gcm").contains("paillier").contains("broken.jar");
  }
}
