package io.flep.lab.cipher.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flep.encryption.png.EncryptedImageCodec;
import io.flep.encryption.png.ImageCodec;
import io.flep.plugin.api.context.PluginContext;
import io.flep.plugin.api.image.EncryptedImage;
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

/** End to end on two small images with the test-only {@code test-xor-image} fixture of the CLI tests. */
class EvalCommandTest {

  private static RasterImage write(Path file, int w, int h, int channels, long seed) throws Exception {
    byte[] s = new byte[w * h * channels];
    Random r = new Random(seed);
    for (int i = 0; i < s.length; i++) {
      s[i] = (byte) (i / channels % w + r.nextInt(8)); // a noisy ramp
    }
    RasterImage image = new RasterImage(w, h, channels, s);
    Files.createDirectories(file.getParent());
    Files.write(file, ImageCodec.toPng(image));
    return image;
  }

  private static int run(PrintStream err, String... args) {
    PrintStream original = System.err;
    try {
      System.setErr(err);
      return new CommandLine(new EvalCommand()).execute(args);
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void writesEveryFileAndEveryJsonKey(@TempDir Path dir) throws Exception {
    RasterImage grey = write(dir.resolve("in/alpha.png"), 256, 256, 1, 1);
    write(dir.resolve("in/beta.png"), 40, 30, 3, 2);
    Files.writeString(dir.resolve("in/notes.txt"), "ignored");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = run(new PrintStream(err, true, StandardCharsets.UTF_8), "--scheme", "test-xor-image",
        "--images", dir.resolve("in").toString(), "--out", dir.resolve("out").toString(),
        "--json", dir.resolve("rep/eval.json").toString(), "--plugins-dir", dir.resolve("none").toString());

    assertThat(code).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("["))).hasSize(2);
    for (String name : new String[] {"alpha", "beta"}) {
      for (String suffix : new String[] {".cipher.png", ".cipher-1px.png", ".decrypted.png"}) {
        assertThat(dir.resolve("out/" + name + suffix)).as(name + suffix).isRegularFile();
      }
    }
    EncryptedImage cipher = EncryptedImageCodec.fromPng(
        Files.readAllBytes(dir.resolve("out/alpha.cipher.png")), "alpha.cipher.png");
    assertThat(cipher.header()).as("header travels with the cipher PNG").isNotEmpty();
    RasterImage decrypted = ImageCodec.readPng(
        Files.readAllBytes(dir.resolve("out/alpha.decrypted.png")), "alpha.decrypted.png");
    assertThat(decrypted.samples()).isEqualTo(grey.samples());

    JsonNode doc = new ObjectMapper().readTree(dir.resolve("rep/eval.json").toFile());
    assertThat(doc.get("scheme").asText()).isEqualTo("test-xor-image");
    assertThat(doc.get("fixedNonce").asBoolean()).as("the fixture has no fixed-nonce hook").isFalse();
    assertThat(doc.get("images")).hasSize(2);
    for (JsonNode image : doc.get("images")) {
      for (String key : ImageEvaluation.METRICS) {
        assertThat(image.has(key)).as(image.get("name") + " " + key).isTrue();
      }
    }
    JsonNode alpha = doc.get("images").get(0);
    assertThat(alpha.get("name").asText()).isEqualTo("alpha");
    assertThat(alpha.get("exactDecryption").asBoolean()).isTrue();
    assertThat(alpha.get("psnrDecrypted").isNull()).isTrue();
    assertThat(alpha.get("ssimDecrypted").asDouble()).isEqualTo(1.0);
    assertThat(alpha.get("keySensitivityNpcr").asDouble()).isGreaterThan(99);
    assertThat(alpha.get("localEntropy").isNumber()).isTrue();
    JsonNode beta = doc.get("images").get(1);
    assertThat(beta.get("channels").asInt()).isEqualTo(3);
    assertThat(beta.get("localEntropy").isNull()).as("40x30 is too small for 30 blocks").isTrue();
    assertThat(doc.get("criticalValues")).hasSize(6); // two sizes x three alphas
    assertThat(doc.get("summary").get("entropy").get("n").asInt()).isEqualTo(2);
  }

  @Test
  void aGivenKeyIsUsedSoTheCipherPngsDecryptWithIt(@TempDir Path dir) throws Exception {
    RasterImage plain = write(dir.resolve("in/a.png"), 32, 32, 1, 3);
    var provider = new io.flep.lab.cipher.cli.XorTestImageCipherProvider();
    var key = provider.generateKey(io.flep.plugin.api.PluginOptions.empty(), new java.security.SecureRandom());
    Files.write(dir.resolve("k.key"), key.serializeSecret(io.flep.plugin.api.key.SecretAccess.get()));
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    int code = run(quiet, "--scheme", "test-xor-image", "--key", dir.resolve("k.key").toString(), "--images",
        dir.resolve("in").toString(), "--out", dir.resolve("out").toString(), "--json",
        dir.resolve("e.json").toString(), "--plugins-dir", dir.resolve("none").toString());

    assertThat(code).isZero();
    EncryptedImage cipher = EncryptedImageCodec.fromPng(Files.readAllBytes(dir.resolve("out/a.cipher.png")), "a");
    assertThat(provider.newImageCipher(key, PluginContext.empty()).decrypt(cipher).samples()).isEqualTo(plain.samples());
    Files.write(dir.resolve("bad.key"), new byte[] {1, 2, 3});
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(run(new PrintStream(err, true, StandardCharsets.UTF_8), "--scheme", "test-xor-image", "--key",
        dir.resolve("bad.key").toString(), "--images", dir.resolve("in").toString(), "--out",
        dir.resolve("out").toString(), "--json", dir.resolve("e.json").toString(), "--plugins-dir",
        dir.resolve("none").toString())).isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.key");
  }

  @Test
  void unknownSchemeAndEmptyFolderFail(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
    write(dir.resolve("in/a.png"), 16, 16, 1, 1);

    assertThat(run(ps, "--scheme", "no-such", "--images", dir.resolve("in").toString(), "--out",
        dir.resolve("o").toString(), "--json", dir.resolve("j.json").toString(), "--plugins-dir",
        dir.resolve("none").toString())).isNotZero();
    assertThat(run(ps, "--scheme", "test-xor-image", "--images", dir.resolve("empty").toString(), "--out",
        dir.resolve("o").toString(), "--json", dir.resolve("j.json").toString(), "--plugins-dir",
        dir.resolve("none").toString())).isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no-such").contains("no *.png images");
    assertThat(dir.resolve("j.json")).doesNotExist();
  }
}
