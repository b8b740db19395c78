package io.flep.lab.denoise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DenoiseEvalJsonTest {

  @Test
  void validJsonWithNullsForNonFiniteValuesLeftOutOfTheMeans() throws Exception {
    List<DenoiseEvalJson.Row> rows = List.of(
        new DenoiseEvalJson.Row("a\"b", 8, 8, 20, 30, Double.NaN, 4),
        new DenoiseEvalJson.Row("c", 16, 16, 22, Double.POSITIVE_INFINITY, 0.5, 6));
    String text = DenoiseEvalJson.toJson(new DenoiseEvalJson.Settings("wiener", null, Map.of(), 25, 7, "all"), rows);
    JsonNode j = new ObjectMapper().readTree(text);
    assertThat(j.get("images").get(0).get("name").asText()).isEqualTo("a\"b");
    assertThat(j.get("images").get(0).get("ssimDenoised").isNull()).isTrue();
    assertThat(j.get("images").get(1).get("psnrDenoised").isNull()).isTrue();
    assertThat(j.get("model").isNull()).isTrue();
    assertThat(j.get("options").size()).isZero();
    JsonNode s = j.get("summary");
    assertThat(s.get("psnrNoisy").asDouble()).isEqualTo(21.0);
    assertThat(s.get("psnrDenoised").asDouble()).isEqualTo(30.0);
    assertThat(s.get("ssimDenoised").asDouble()).isEqualTo(0.5);
    assertThat(s.get("ms").asDouble()).isEqualTo(5.0);
    JsonNode empty = new ObjectMapper().readTree(DenoiseEvalJson.toJson(
        new DenoiseEvalJson.Settings("x", "m", Map.of("ensemble", "8"), 1, 1, "test"), List.of()));
    assertThat(empty.get("summary").get("ms").isNull()).isTrue();
    assertThat(empty.get("options").get("ensemble").asText()).isEqualTo("8");
  }
}
