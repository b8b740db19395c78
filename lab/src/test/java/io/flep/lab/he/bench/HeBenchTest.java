package io.flep.lab.he.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.he.paillier.PaillierSchemeProvider;
import io.flep.plugin.api.PluginOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeBenchTest {
  static final PluginOptions WEAK = PluginOptions.empty().with("keyBits", "1024").with("allowWeakKeys", "true");

  @Test
  void measuresARoundAndItsErrorAgainstThePlaintextSum() throws Exception {
    List<String> steps = new ArrayList<>();
    HeBenchResult r = new HeBench(new PaillierSchemeProvider(), WEAK, 500, 4, steps::add).run();

    assertThat(r.keyBits()).isEqualTo(1024);
    assertThat(r.threshold()).isZero();
    assertThat(r.partialDecryptValuesPerSecond()).isNaN();
    // 1024-bit key, default packing: 33 values per 256-byte ciphertext, 29 header bytes
    assertThat(r.bytesPerUpdate()).isEqualTo(29 + 16 * 256);
    assertThat(r.maxAbsError()).isPositive().isLessThanOrEqualTo(4 * Math.scalb(1.0, -21));
    assertThat(r.clippedValues()).isZero();
    assertThat(r.encryptValuesPerSecond()).isPositive();
    assertThat(r.addValuesPerSecond()).isPositive();
    assertThat(r.precomputeSeconds()).isPositive();
    assertThat(r.coldEncryptSeconds()).isPositive();
    assertThat(r.firstColdEncryptMs()).isPositive().isLessThanOrEqualTo(r.coldEncryptSeconds() * 1000);
    assertThat(r.encryptValuesPerSecondCold()).isPositive();
    assertThat(steps).first().asString().startsWith("generating the key");
    assertThat(steps).contains("encrypting 4 updates cold (no precomputed randomness)");
  }

  @Test
  void aThresholdKeyIsTimedThroughItsPartialDecryptions() throws Exception {
    List<String> steps = new ArrayList<>();
    HeBenchResult r = new HeBench(new PaillierSchemeProvider(), WEAK.with("threshold", "2").with("shareholders", "3"),
        100, 3, steps::add).run();

    assertThat(r.threshold()).isEqualTo(2);
    assertThat(r.partialDecryptSeconds()).isPositive().isLessThan(r.decryptSeconds());
    assertThat(r.maxAbsError()).isLessThanOrEqualTo(3 * Math.scalb(1.0, -21));
    assertThat(steps).contains("partial decryption by share holder 2 of 2", "combining");
  }

  @Test
  void withoutPrecomputationNothingIsPrecomputedAndOneContributorHasNoAdditionRate() throws Exception {
    HeBenchResult r = new HeBench(new PaillierSchemeProvider(), WEAK.with("slots", "1"), 3, 1, s -> {})
        .withoutPrecomputation().run();

    assertThat(r.precomputeSeconds()).isZero();
    assertThat(r.encryptSeconds()).isEqualTo(r.coldEncryptSeconds());
    assertThat(r.bytesPerUpdate()).isEqualTo(29 + 3 * 256);
    assertThat(r.addValuesPerSecond()).isNaN();
  }

  @Test
  void theTextbookBaselineEncryptsAndChecksEveryValue() {
    assertThat(new TextbookBaseline(1024, 8).call()).isPositive();
  }

  @Test
  void endToEndRoundWithATwoOfThreeKey() throws Exception {
    List<String> steps = new ArrayList<>();
    HeEndToEnd.Result r = new HeEndToEnd(new PaillierSchemeProvider(),
        WEAK.with("threshold", "2").with("shareholders", "3"), 200, 3, steps::add).run();

    assertThat(r.encryptSeconds()).hasSize(3);
    assertThat(r.partialSeconds()).hasSize(2);
    assertThat(r.combined()).containsExactly(1, 2);
    assertThat(r.fedAvgMaxAbsError()).isLessThanOrEqualTo(1e-6);
    assertThat(r.criticalPathSeconds()).isPositive().isLessThanOrEqualTo(r.endToEndSeconds());
    assertThat(steps).contains("combining (every proof checked)");
  }
}
