package io.flep.lab.cipher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private final List<BenchResult> results = List.of(
      new BenchResult("aes-gcm", "default", "encrypt", new Timing(100, 15_000, 20_000, 16_000, 65_536)),
      new BenchResult("x\"y\\z", "noise=false", "decrypt", new Timing(5, 2_000_000, 3_000_000, 2_200_000, 65_536)));

  @Test
  void jsonIsValidAndCarriesEveryField() throws Exception {
    JsonNode json = new ObjectMapper().readTree(
        BenchReport.toJson(256, 1, 3, results, List.of("flep-3layer [layers=9] skipped: \"bad\"\n")));

    assertThat(json.at("/image/width").asInt()).isEqualTo(256);
    assertThat(json.at("/secondsPerCase").asDouble()).isEqualTo(3.0);
    assertThat(json.at("/cores").asInt()).isPositive();
    assertThat(json.at("/results/0/scheme").asText()).isEqualTo("aes-gcm");
    assertThat(json.at("/results/0/medianMs").asDouble()).isEqualTo(0.015);
    assertThat(json.at("/results/0/p90Ms").asDouble()).isEqualTo(0.02);
    assertThat(json.at("/results/0/mbPerSecond").asDouble()).isCloseTo(4369.07, org.assertj.core.data.Offset.offset(0.01));
    assertThat(json.at("/results/1/scheme").asText()).isEqualTo("x\"y\\z");
    assertThat(json.at("/results/1/variant").asText()).isEqualTo("noise=false");
    assertThat(json.at("/results/1/iterations").asInt()).isEqualTo(5);
    assertThat(json.at("/notes/0").asText()).isEqualTo("flep-3layer [layers=9] skipped: \"bad\"\n");
  }

  @Test
  void emptyReportIsValidJson() throws Exception {
    JsonNode json = new ObjectMapper().readTree(BenchReport.toJson(8, 0, 0, List.of(), List.of()));

    assertThat(json.get("results")).isEmpty();
    assertThat(json.get("notes")).isEmpty();
  }

  @Test
  void tableHasOneRowPerResult() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    BenchReport.printTable(results, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("median ms").contains("p90 ms").contains("MB/s");
    assertThat(lines.get(1)).contains("aes-gcm").contains("encrypt").contains("0.0150").contains("4369.07");
  }
}
