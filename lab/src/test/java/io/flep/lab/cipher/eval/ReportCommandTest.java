package io.flep.lab.cipher.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.encryption.png.ImageCodec;
import io.flep.plugin.api.image.RasterImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The generator end to end against the test-only {@code test-xor-image} fixture standing in for both schemes. */
class ReportCommandTest {

  @Test
  void writesTheReportFiguresAndPerModeJson(@TempDir Path dir) throws Exception {
    for (String name : new String[] {"baboon", "fruits"}) {
      byte[] s = new byte[256 * 256];
      new Random(name.hashCode()).nextBytes(s);
      Files.createDirectories(dir.resolve("in"));
      Files.write(dir.resolve("in/" + name + ".png"), ImageCodec.toPng(RasterImage.gray(256, 256, s)));
    }
    PrintStream original = System.err;
    int code;
    try {
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      code = new CommandLine(new ReportCommand()).execute("--images", dir.resolve("in").toString(),
          "--out", dir.resolve("docs").toString(), "--work", dir.resolve("work").toString(),
          "--faithful", "test-xor-image", "--hardened", "test-xor-image", "--table1", "baboon,fruits",
          "--random-images", "5", "--survey-keys", "3", "--plugins-dir", dir.resolve("none").toString());
    } finally {
      System.setErr(original);
    }

    assertThat(code).isZero();
    String md = Files.readString(dir.resolve("docs/paper-reproduction.md"));
    assertThat(md).contains("## Table I").contains("## Table II").contains("| baboon | paper (Baboon) |")
        .contains("| fruits | hardened | differential (1 px) |").contains("3 fresh `test-xor-image` keys");
    for (String fig : new String[] {"baboon-plain-hist.png", "baboon-faithful-paper-order-hist.png",
        "baboon-hardened-hist.png", "baboon-hardened.png"}) {
      assertThat(dir.resolve("docs/figures/" + fig)).as(fig).isRegularFile();
      assertThat(md).contains("figures/" + fig);
    }
    assertThat(dir.resolve("work/hardened.json")).isRegularFile();
    assertThat(dir.resolve("work/faithful-noise-off/fruits.cipher-1px.png")).isRegularFile();
  }

  @Test
  void slugs() {
    assertThat(ReportCommand.slug("faithful (paper order)")).isEqualTo("faithful-paper-order");
    assertThat(ReportCommand.slug("faithful, noise off")).isEqualTo("faithful-noise-off");
  }
}
