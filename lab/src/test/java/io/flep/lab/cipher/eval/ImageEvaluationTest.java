package io.flep.lab.cipher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageEvaluationTest {

  @Test
  void everyContractKeyMapsToItsOwnComponent() {
    ImageEvaluation e = new ImageEvaluation("a", 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, true);

    assertThat(ImageEvaluation.METRICS).containsExactly("npcrPlainCipher", "uaciPlainCipher", "npcrDifferential",
        "uaciDifferential", "entropy", "localEntropy", "encryptionQuality", "corrH", "corrV", "corrD",
        "keySensitivityNpcr", "keySensitivityUaci", "psnrDecrypted", "ssimDecrypted", "encryptMs", "decryptMs");
    for (int i = 0; i < ImageEvaluation.METRICS.size(); i++) {
      assertThat(e.metric(ImageEvaluation.METRICS.get(i))).as(ImageEvaluation.METRICS.get(i)).isEqualTo(i + 1);
    }
    assertThatThrownBy(() -> e.metric("npcr")).isInstanceOf(IllegalArgumentException.class);
  }
}
