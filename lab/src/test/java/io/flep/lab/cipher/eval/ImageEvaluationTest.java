package io.flep.lab.cipher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageEvaluationTest {

  @Test
  void everyContractKeyMapsToItsOwnComponent() {
    ImageEvaluation e = ImageEvaluation.builder().name("a").width(1).height(1).channels(1)
        .npcrPlainCipher(1).uaciPlainCipher(2).npcrDifferential(3).uaciDifferential(4)
        .entropy(5).localEntropy(6).encryptionQuality(7).corrH(8).corrV(9).corrD(10)
        .keySensitivityNpcr(11).keySensitivityUaci(12).psnrDecrypted(13).ssimDecrypted(14)
        .encryptMs(15).decryptMs(16).exactDecryption(true)
        .build();

    assertThat(ImageEvaluation.METRICS).containsExactly("npcrPlainCipher", "uaciPlainCipher", "npcrDifferential",
        "uaciDifferential", "entropy", "localEntropy", "encryptionQuality", "corrH", "corrV", "corrD",
        "keySensitivityNpcr", "keySensitivityUaci", "psnrDecrypted", "ssimDecrypted", "encryptMs", "decryptMs");
    for (int i = 0; i < ImageEvaluation.METRICS.size(); i++) {
      assertThat(e.metric(ImageEvaluation.METRICS.get(i))).as(ImageEvaluation.METRICS.get(i)).isEqualTo(i + 1);
    }
    assertThatThrownBy(() -> e.metric("npcr")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builderLeavesUnsetFiguresUndefinedAndRequiresAName() {
    ImageEvaluation e = ImageEvaluation.builder().name("b").width(4).height(3).channels(3).entropy(7.9).build();

    assertThat(e.entropy()).isEqualTo(7.9);
    assertThat(e.width() * e.height() * e.channels()).isEqualTo(36);
    assertThat(e.psnrDecrypted()).isNaN();
    assertThat(e.exactDecryption()).isFalse();
    assertThatThrownBy(() -> ImageEvaluation.builder().width(1).build())
        .isInstanceOf(NullPointerException.class).hasMessageContaining("name");
  }
}
