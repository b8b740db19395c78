package io.flep.lab.cipher.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvalJsonTest {
  private static ImageEvaluation image(String name, double npcrDiff, double psnr) {
    return new ImageEvaluation(name, 256, 256, 1, 99.6, 30, npcrDiff, 33.46, 7.997, 7.902, 50, 0.001, -0.002, 0.0,
        99.6, 33.46, psnr, 1, 1.5, 2.5, false);
  }

  @Test
  void documentHasSettingsCriticalValuesImagesAndSummary() throws Exception {
    var settings = new EvalJson.Settings("s\"x", Map.of("noise", "false"), true, 16, 63, 2013, 3);

    JsonNode doc = new ObjectMapper().readTree(EvalJson.toJson(settings,
        List.of(image("a", 99.60, Double.POSITIVE_INFINITY), image("b", 0.0015, 40))));

    assertThat(doc.get("scheme").asText()).isEqualTo("s\"x");
    assertThat(doc.get("options").get("noise").asText()).isEqualTo("false");
    assertThat(doc.get("keyBitFlipped").asInt()).isEqualTo(63);
    assertThat(doc.get("criticalValues")).hasSize(3);
    assertThat(doc.get("criticalValues").get(0).get("npcr").asDouble()).isEqualTo(99.5693);
    JsonNode a = doc.get("images").get(0);
    for (String key : ImageEvaluation.METRICS) {
      assertThat(a.has(key)).as(key).isTrue();
    }
    assertThat(a.get("psnrDecrypted").isNull()).as("infinite PSNR").isTrue();
    assertThat(a.get("passes").get("0.05").get("differential").asBoolean()).isTrue();
    assertThat(doc.get("images").get(1).get("passes").get("0.05").get("differential").asBoolean()).isFalse();
    JsonNode npcr = doc.get("summary").get("npcrDifferential");
    assertThat(npcr.get("mean").asDouble()).isEqualTo((99.60 + 0.0015) / 2, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(npcr.get("n").asInt()).isEqualTo(2);
    assertThat(doc.get("summary").get("psnrDecrypted").get("n").asInt()).isEqualTo(1);
  }

  @Test
  void numbersAndStrings() {
    assertThat(EvalJson.num(Double.NaN)).isEqualTo("null");
    assertThat(EvalJson.num(1.5)).isEqualTo("1.500000");
    assertThat(EvalJson.str("a\\b\n\u0001")).isEqualTo("\"a\\\\b\\n\\u0001\"");
  }
}
