package io.flep.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes and one-line reasons. */
class FlepMainTest {

  private record Result(int exitCode, String out, String err) {}

  private static Result execute(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = FlepMain.execute(args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  @Test
  void runWithAnUnknownPluginExitsNonZeroAndSaysWhyInOneLine(@TempDir Path dir) {
    Result result = execute("run", "--analysts", "2", "--rounds", "1", "--data-cipher", "rot13",
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
    Result result = execute("run", "--cloud", "sideways", "--data-dir", dir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("--cloud must be one of").contains("sideways");
    assertThat(Files.exists(dir.resolve("postgres"))).as("nothing was started").isFalse();
  }

  @Test
  void pluginsListsTheBuiltInsAndNamesSkippedJars(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3});

    Result result = execute("plugins", "--plugins-dir", dir.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("aes-gcm").contains("paillier").contains("broken.jar");
  }
}
