package io.flep.lab.cipher.cli;

import static io.flep.lab.cipher.cli.CliRun.cipher;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flep.lab.LabCli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the benchmark very briefly; checks what it reports, never how fast anything is. */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void reportsEncryptAndDecryptForImageSchemesAndAesGcm() throws Exception {
    Path json = dir.resolve("out/bench.json");

    LabCli.Result result = cipher(dir, "bench", "--size", "32", "--seconds", "0.02", "--warmup", "0.01",
        "--json", json.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("32x32 grey image").contains("median ms").contains("wrote " + json);
    assertThat(result.out().lines().filter(l -> l.startsWith("aes-gcm ")))
        .hasSize(2).anyMatch(l -> l.contains("encrypt")).anyMatch(l -> l.contains("decrypt"));
    assertThat(result.out().lines().filter(l -> l.startsWith(XorTestImageCipherProvider.ID + " ")))
        .as("noise=true and noise=false, encrypt and decrypt").hasSize(4)
        .anyMatch(l -> l.contains(" noise=true ")).anyMatch(l -> l.contains(" noise=false "));
    assertThat(result.out().lines().filter(l -> l.startsWith(BenchCommand.JDK_BASELINE + " "))).hasSize(2);
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    JsonNode first = report.get("results").get(0);
    assertThat(report.get("results").size()).isGreaterThanOrEqualTo(6);
    assertThat(first.get("iterations").asInt()).isGreaterThanOrEqualTo(5);
    assertThat(first.get("bytesPerOp").asInt()).isEqualTo(32 * 32);
    assertThat(first.get("medianMs").asDouble()).isPositive();
    assertThat(first.get("p90Ms").asDouble()).isGreaterThanOrEqualTo(first.get("medianMs").asDouble());
  }

  @Test
  void selectedSchemeAndVariantsOnlyWithRejectedVariantsNoted() {
    LabCli.Result result = cipher(dir, "bench", "--scheme", XorTestImageCipherProvider.ID, "--variant", "",
        "--variant", "fail=true", "--size", "8", "--seconds", "0", "--warmup", "0");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).doesNotContain("aes-gcm ").doesNotContain(BenchCommand.JDK_BASELINE);
    assertThat(result.out().lines().filter(l -> l.startsWith(XorTestImageCipherProvider.ID + " "))).hasSize(2)
        .allMatch(l -> l.contains(" default "));
    assertThat(result.out()).contains("note: test-xor-image [fail=true] skipped: plugin option 'fail' asks to fail");
  }

  @Test
  void aCaseThatFailsIsNotedAndTheRestStillRuns() {
    LabCli.Result result = cipher(dir, "bench", "--scheme", XorTestImageCipherProvider.ID, "--scheme", "aes-gcm",
        "--variant", "broken=true", "--size", "8", "--seconds", "0", "--warmup", "0");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains(
        "note: test-xor-image [broken=true] failed: test fixture: key generated with broken=true");
    assertThat(result.out().lines().filter(l -> l.startsWith("aes-gcm "))).hasSize(2);
  }

  @Test
  void unknownSchemeFailsInOneLine() {
    LabCli.Result result = cipher(dir, "bench", "--scheme", "rot13", "--seconds", "0", "--warmup", "0");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.errLines().stream().filter(l -> l.startsWith("flep:"))).singleElement().asString()
        .contains("'rot13' is not installed");
  }
}
