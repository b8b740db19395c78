package io.flep.he.paillier;

import static io.flep.he.paillier.PaillierSchemeTest.WEAK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.PluginParameters;
import io.flep.plugin.api.he.KeyPreparation;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.param.ParameterValues;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Safe-prime moduli prepared in the background, through the pool and through the provider. */
class ThresholdKeyPoolTest {
  private final PaillierSchemeProvider provider = new PaillierSchemeProvider();

  @Test
  void preparesInTheBackgroundMeasuresAndRefillsAfterATake() throws Exception {
    ThresholdKeyPool pool = ThresholdKeyPool.forKeyBits(512);
    try {
      assertThat(ThresholdKeyPool.forKeyBits(512)).as("one pool per size").isSameAs(pool);
      long before = pool.statistics().generated();

      ThresholdKeyPool.Statistics ready = pool.prepare(2).get(60, TimeUnit.SECONDS);

      assertThat(ready.ready()).isGreaterThanOrEqualTo(2);
      assertThat(ready.target()).isEqualTo(2);
      assertThat(ready.generated()).isGreaterThanOrEqualTo(before + 2);
      assertThat(ready.meanGenerationTime()).isPositive();
      ThresholdPaillier.SafeModulus a = pool.take();
      ThresholdPaillier.SafeModulus b = pool.take();
      assertThat(a.n().bitLength()).isEqualTo(512);
      assertThat(a.n()).as("each modulus is handed out once").isNotEqualTo(b.n());
      assertThat(pool.prepare(2).get(60, TimeUnit.SECONDS).ready()).as("refilled").isEqualTo(2);
      assertThat(pool.toString()).doesNotContain(a.p().toString());
      assertThatThrownBy(() -> pool.prepare(ThresholdKeyPool.MAX_PREPARED + 1))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      pool.clear();
    }
    assertThat(pool.statistics().ready()).isZero();
    assertThat(pool.statistics().target()).isZero();
  }

  @Test
  void theProviderDealsThresholdKeysOnPreparedModuliAndPreparesNothingForOrdinaryKeys() throws Exception {
    PluginOptions threshold = WEAK.with("threshold", "2").with("shareholders", "3");
    ParameterValues validated = PluginParameters.validate(provider, provider.parameters(), threshold);
    ThresholdKeyPool pool = ThresholdKeyPool.forKeyBits(1024);
    try {
      KeyPreparation prepared = provider.prepareKeyPairs(threshold, 1).get(60, TimeUnit.SECONDS);
      assertThat(prepared.ready()).isGreaterThanOrEqualTo(1);
      assertThat(prepared.target()).isGreaterThanOrEqualTo(1);
      assertThat(prepared.meanGenerationTime()).isGreaterThan(Duration.ZERO);
      ThresholdKeyPool.Statistics before = pool.statistics();

      KeyMaterial dealt = provider.generateKeyPair(threshold, new SecureRandom());

      ThresholdKeyPool.Statistics after = pool.statistics();
      assertThat(after.taken()).isEqualTo(before.taken() + 1);
      assertThat(after.generatedOnDemand()).as("the caller did not wait for primes")
          .isEqualTo(before.generatedOnDemand());
      assertThat(provider.splitShares(dealt)).hasSize(3);
      KeyPreparation now = provider.keyPreparation(validated);
      assertThat(now.target()).isEqualTo(after.target());
      assertThat(now.generatedOnDemand()).isEqualTo(after.generatedOnDemand());
    } finally {
      pool.clear();
    }
    assertThat(provider.prepareKeyPairs(WEAK, 3).get()).isEqualTo(KeyPreparation.NONE);
    assertThat(provider.keyPreparation(PluginParameters.validate(provider, provider.parameters(), WEAK)))
        .isEqualTo(KeyPreparation.NONE);
    assertThatThrownBy(() -> provider.prepareKeyPairs(threshold, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
