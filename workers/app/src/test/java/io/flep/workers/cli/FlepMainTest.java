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
    FlepCli.Result result = FlepCli.run("run", "--analysts", "2", "--min-contributors", "2", "--rounds", "1",
        "--data-cipher", "rot13",
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
  void aRunThePolicyRulesForbidExitsNonZeroWithOneLineNamingTheRuleBeforeAnythingStarts(@TempDir Path dir) {
    FlepCli.Result k1 = FlepCli.run("run", "--min-contributors", "1", "--data-dir", dir.toString());
    FlepCli.Result weakCipher = FlepCli.run("run", "--data-cipher", "flep-3layer", "--data-dir", dir.toString());
    FlepCli.Result weakKey = FlepCli.run("run", "--he-option", "keyBits=1024", "--he-option", "allowWeakKeys=true",
        "--data-dir", dir.toString());

    assertThat(k1.exitCode()).isEqualTo(1);
    assertThat(k1.errLines()).singleElement().asString().startsWith("flep: policy rule: --min-contributors is 1,"
        + " below 2");
    assertThat(weakCipher.exitCode()).isEqualTo(1);
    assertThat(weakCipher.errLines()).containsExactly("flep: policy rule: data cipher flep-3layer is marked"
        + " not-secure; it is allowed only to reproduce the paper, with --reproduction (./flep plugins says why it"
        + " is not secure)");
    assertThat(weakKey.exitCode()).isEqualTo(1);
    assertThat(weakKey.errLines()).containsExactly("flep: policy rule: homomorphic keys of 1024 bits are refused;"
        + " at least 2048");
    assertThat(Files.exists(dir.resolve("postgres"))).as("nothing was started").isFalse();
    assertThat(Files.exists(dir.resolve("federation"))).as("nothing was started").isFalse();
  }

  @Test
  void aRoundDeadlineThatIsNoPositiveDurationIsRejectedBeforeAnythingStarts(@TempDir Path dir) {
    FlepCli.Result unparsable = FlepCli.run("run", "--round-deadline", "10min", "--data-dir", dir.toString());
    FlepCli.Result zero = FlepCli.run("run", "--round-deadline", "PT0S", "--data-dir", dir.toString());

    assertThat(unparsable.exitCode()).isEqualTo(1);
    assertThat(unparsable.errLines()).containsExactly("flep: policy rule: --round-deadline must be an ISO-8601"
        + " duration such as PT10M, PT90S or PT1H30M, got '10min'");
    assertThat(zero.exitCode()).isEqualTo(1);
    assertThat(zero.errLines()).singleElement().asString()
        .startsWith("flep: policy rule: --round-deadline must be positive, got PT0S");
    assertThat(Files.exists(dir.resolve("postgres"))).as("nothing was started").isFalse();
  }

  @Test
  void aMistypedPluginOptionIsRejectedBeforeAnythingStartsNamingTheClosestOption(@TempDir Path dir) {
    FlepCli.Result he = FlepCli.run("run", "--he-option", "treshold=2", "--data-dir", dir.toString());
    FlepCli.Result cipher = FlepCli.run("run", "--data-cipher", "flep-3layer", "--cipher-option", "denoisr=dncnn",
        "--data-dir", dir.toString());
    FlepCli.Result range = FlepCli.run("run", "--cipher-option", "keySizeBits=100", "--data-dir", dir.toString());

    assertThat(he.exitCode()).isEqualTo(1);
    assertThat(he.errLines()).containsExactly(
        "flep: unknown option 'treshold' for paillier; did you mean 'threshold'? (from --he-option)");
    assertThat(cipher.errLines()).containsExactly(
        "flep: unknown option 'denoisr' for flep-3layer; did you mean 'denoiser'? (from --cipher-option)");
    assertThat(range.errLines()).containsExactly(
        "flep: option 'keySizeBits' of aes-gcm must be one of 128, 256, got '100' (from --cipher-option)");
    assertThat(Files.exists(dir.resolve("postgres"))).as("nothing was started").isFalse();
  }

  @Test
  void pluginsJsonDeclaresEveryOptionWithTypeDefaultAndDomain() throws Exception {
    FlepCli.Result result = FlepCli.run("plugins", "--json", "--plugins-dir", "no-such-folder");

    assertThat(result.exitCode()).isZero();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.out());
    var paillier = java.util.stream.StreamSupport.stream(json.get("plugins").spliterator(), false)
        .filter(p -> p.get("id").asText().equals("paillier")).findFirst().orElseThrow();
    var threshold = java.util.stream.StreamSupport.stream(paillier.get("parameters").spliterator(), false)
        .filter(p -> p.get("name").asText().equals("threshold")).findFirst().orElseThrow();
    assertThat(threshold.get("type").asText()).isEqualTo("integer");
    assertThat(threshold.get("default").asInt()).isZero();
    assertThat(threshold.get("affectsSecurity").asBoolean()).isTrue();
    assertThat(threshold.get("domain").asText()).isEqualTo("0 (no threshold key) or an integer in [2, 16]");
    assertThat(json.get("plugins")).extracting(p -> p.get("id").asText())
        .contains("aes-gcm", "flep-3layer", "flep-3layer-hardened", "wiener", "dncnn", "paillier");
  }

  @Test
  void pluginsListsTheBuiltInsAndNamesSkippedJars(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3});

    FlepCli.Result result = FlepCli.run("plugins", "--plugins-dir", dir.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("aes-gcm").contains("paillier").contains("broken.jar");
  }
}
