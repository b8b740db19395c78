package io.flep.lab.cipher.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvalJsonTest {
  private static ImageEvaluation image(String name, double npcrDiff, double psnr) {
    return ImageEvaluation.builder().name(name).width(256).height(256).channels(1)
        .npcrPlainCipher(99.6).uaciPlainCipher(30).npcrDifferential(npcrDiff).uaciDifferential(33.46)
        .entropy(7.997).localEntropy(7.902).encryptionQuality(50).corrH(0.001).corrV(-0.002).corrD(0.0)
        .keySensitivityNpcr(99.6).keySensitivityUaci(33.46).psnrDecrypted(psnr).ssimDecrypted(1)
        .encryptMs(1.5).decryptMs(2.5).exactDecryption(false)
        .build();
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
