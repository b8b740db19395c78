package io.flep.lab.he.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flep.lab.LabCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flep he bench} on a small weak key: the JSON keys, the baseline, and bad input. */
class HeBenchCommandTest {

  @Test
  void writesTheAgreedJsonKeys(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("he.json");
    LabCli.Result r = LabCli.run("he", "bench", "--scheme", "paillier", "--values", "300", "--contributors", "3",
        "--key-bits", "1024", "--option", "allowWeakKeys=true", "--threads", "1", "--baseline-values", "4",
        "--json", json.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("paillier (1024-bit key), 1 threads, 3 contributors x 300 values");
    JsonNode node = new ObjectMapper().readTree(json.toFile());
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).contains("keygenMs", "encryptValuesPerSecond", "addValuesPerSecond", "decryptValuesPerSecond",
        "ciphertextBytesPerValue", "maxAbsError", "keyBits", "threads", "encryptValuesPerSecondCold", "precomputeMs",
        "baselineValuesPerSecond");
    assertThat(node.get("baselineValuesPerSecond").asDouble()).isPositive();
    assertThat(node.get("encryptValuesPerSecondCold").asDouble()).isGreaterThan(node.get("baselineValuesPerSecond").asDouble());
    assertThat(node.get("keyBits").asInt()).isEqualTo(1024);
    assertThat(node.get("threads").asInt()).isEqualTo(1);
    assertThat(node.get("ciphertextBytesPerValue").asDouble()).isCloseTo((29 + 10 * 256) / 300.0,
        org.assertj.core.data.Offset.offset(0.001));
    assertThat(node.get("maxAbsError").asDouble()).isLessThanOrEqualTo(3 * Math.scalb(1.0, -21));
    assertThat(node.get("packedSpeedupPerValue").asDouble()).isGreaterThan(1);
    // the sum's 10 ciphertexts decrypted as before base blinding, in the same run
    assertThat(node.get("decryptBaselineValuesPerSecond").asDouble()).isPositive();
    assertThat(node.get("decryptSpeedupVsBaseline").asDouble()).isPositive();
    assertThat(r.out()).contains("decryption baseline (as before issue 14: CRT with modPow, no blinding)");
  }

  @Test
  void aThresholdKeyIsComparedWithOneHoldersUnblindedPartialDecryptions(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("he.json");
    LabCli.Result r = LabCli.run("he", "bench", "--scheme", "paillier", "--values", "100", "--contributors", "2",
        "--key-bits", "1024", "--option", "allowWeakKeys=true", "--option", "threshold=2", "--option",
        "shareholders=3", "--threads", "1", "--baseline-values", "2", "--json", json.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode node = new ObjectMapper().readTree(json.toFile());
    assertThat(node.get("threshold").asInt()).isEqualTo(2);
    assertThat(node.get("partialDecryptBaselineValuesPerSecond").asDouble()).isPositive();
    assertThat(node.get("partialDecryptSpeedupVsBaseline").asDouble()).isPositive();
    assertThat(node.has("decryptBaselineValuesPerSecond")).isFalse();
    assertThat(r.out()).contains("one holder's partials with modPow, no blinding, no proof");
  }

  @Test
  void badInputIsAUsageErrorNamingIt() {
    LabCli.Result unknown = LabCli.run("he", "bench", "--scheme", "rot13", "--values", "10");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown scheme").contains("rot13");

    assertThat(LabCli.run("he", "bench", "--values", "0").exitCode()).isEqualTo(2);
    LabCli.Result weak = LabCli.run("he", "bench", "--values", "10", "--key-bits", "512");
    assertThat(weak.exitCode()).isEqualTo(1);
    assertThat(weak.errLines()).containsExactly(
        "flep: option 'keyBits' of paillier must be one of 1024, 1536, 2048, 3072, 4096, got '512' (from --key-bits)");

    LabCli.Result typo = LabCli.run("he", "bench", "--option", "treshold=2", "--values", "100", "--contributors", "2");
    assertThat(typo.exitCode()).isEqualTo(1);
    assertThat(typo.errLines()).containsExactly(
        "flep: unknown option 'treshold' for paillier; did you mean 'threshold'? (from --option)");
    assertThat(typo.out()).as("nothing was generated").doesNotContain("generating");
  }
}
