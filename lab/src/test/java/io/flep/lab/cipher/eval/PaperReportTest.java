package io.flep.lab.cipher.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperReportTest {
  private static ImageEvaluation image(String name, double npcrDiff, double ksNpcr) {
    return ImageEvaluation.builder().name(name).width(256).height(256).channels(1)
        .npcrPlainCipher(99.3).uaciPlainCipher(18.2).npcrDifferential(npcrDiff).uaciDifferential(npcrDiff * 0.3359)
        .entropy(7.45).localEntropy(7.36).encryptionQuality(50.8).corrH(0.25).corrV(0.24).corrD(0.12)
        .keySensitivityNpcr(ksNpcr).keySensitivityUaci(ksNpcr * 0.3359).psnrDecrypted(18.7).ssimDecrypted(0.3)
        .encryptMs(1.1).decryptMs(2.0).exactDecryption(false)
        .build();
  }

  private static PaperReport.Run run(String label, double npcrDiff, double ksNpcr, boolean fixedNonce) {
    List<ImageEvaluation> images = new ArrayList<>();
    for (String n : List.of("baboon", "building", "other")) {
      images.add(image(n, npcrDiff, ksNpcr));
    }
    var settings = new EvalJson.Settings("flep-3layer", Map.of("decryptOrder", "paper"), fixedNonce, 16, 63, 2013, 3);
    return new PaperReport.Run(label, "flep-3layer", new EvalRun.Result(settings, images),
        Summary.of(new double[] {0.48, 0.5}), Summary.of(new double[] {0.25}));
  }

  private static String render(List<PaperReport.Run> runs) {
    return PaperReport.markdown(runs, List.of("baboon", "building", "missing"), "data", "./flep cipher report",
        new PaperReport.RandomReference(10, 7.9025, 0.0015, 7.8995, 7.9055),
        new PaperReport.KeySurvey("flep-3layer", "{noise=false}", 63, 100, 35),
        List.<String[]>of(new String[] {"figures/b-hist.png", "Histogram b"}));
  }

  @Test
  void tableOnePutsThePapersBaboonBesideOursInBothConventions() {
    String md = render(List.of(run("faithful", 0.0015, 0, true), run("hardened", 99.61, 99.6, true)));

    assertThat(md).contains("| baboon | paper (Baboon) | plain vs cipher | 33.43 | 99.586 | 72.2 | 7.9973 |");
    assertThat(md).contains("| baboon | faithful | plain vs cipher | 18.200 | 99.300 | 50.8 | 7.4500 | 7.3600 | 3.10 ms"
        + " | 18.70 |");
    assertThat(md).contains("| baboon | faithful | differential (1 px) | 0.001 | 0.002 |");
    assertThat(md).contains("| building | paper (City) |").contains("| missing | paper (Fan) |");
    assertThat(md).contains("| missing | hardened | (image not in dataset) |");
  }

  @Test
  void tableTwoHasThePaperFiguresEveryMetricAndTheSpectralRows() {
    String md = render(List.of(run("faithful", 0.0015, 0, true)));

    assertThat(md).contains("| npcrPlainCipher | 99.58 ± 0.0044 | 99.300 ± 0.000 |");
    assertThat(md).contains("| uaciPlainCipher | 33.461 ± 0.0056 |");
    for (String metric : ImageEvaluation.METRICS) {
      assertThat(md).contains("| " + metric + " |");
    }
    assertThat(md).contains("| spectral flatness (white noise 0.5615) | – | 0.4900 ± 0.0141 |");
    assertThat(md).contains("![Histogram b](figures/b-hist.png)");
  }

  @Test
  void explainsNoDiffusionNoKeySensitivityAndFreshNoise() {
    String md = render(List.of(run("faithful", 0.0015, 0, true), run("noisy", 99.6, 99.6, false),
        run("hardened", 99.61, 99.6, true)));

    assertThat(md).contains("is *not* a diffusion measure");
    assertThat(md).contains("There is no diffusion").contains("The flipped key bit left the cipher");
    assertThat(md).contains("a high figure here measures the noise");
    assertThat(md).contains("35 gave a bit-identical cipher image");
    assertThat(md).contains("| hardened | 3/3 · 3/3 | 3/3 · 3/3 | 3/3 · 3/3 |");
    assertThat(md).contains("| faithful | 0/3 · 0/3 |");
  }

  @Test
  void formatsNonFiniteValues() {
    assertThat(PaperReport.f(Double.POSITIVE_INFINITY, 2)).isEqualTo("∞");
    assertThat(PaperReport.f(Double.NaN, 2)).isEqualTo("–");
    assertThat(PaperReport.f(1.23456, 3)).isEqualTo("1.235");
  }
}
