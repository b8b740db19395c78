package io.flep.he.paillier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.he.ThresholdDecryption;
import io.flep.plugin.api.key.KeyMaterial;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Measurements, not part of the test suite (minutes at 2048 bits; tag {@code measurement}, which this module's
 * build leaves out): {@code -DexcludedGroups= -Dgroups=measurement}, optionally
 * {@code -Dflep.measure.keys=5 -Dflep.measure.values=100000}. Prints the time to generate a 2048-bit safe-prime
 * modulus (two 1024-bit safe primes, one thread) and, for one 2-of-3 key, the cost of partially decrypting an
 * aggregate of {@code values} values with its proof, and of checking three partial decryptions and combining two.
 */
@Tag("measurement")
class ThresholdTimingTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void safePrimeModuliAt2048Bits() {
    int keys = Integer.getInteger("flep.measure.keys", 5);
    double[] seconds = new double[keys];
    for (int k = 0; k < keys; k++) {
      long start = System.nanoTime();
      ThresholdPaillier.SafeModulus m = ThresholdPaillier.SafeModulus.generate(2048, RANDOM);
      seconds[k] = (System.nanoTime() - start) / 1e9;
      assertThat(m.n().bitLength()).isEqualTo(2048);
      System.out.printf("measure: 2048-bit safe-prime modulus %d: %.2f s%n", k + 1, seconds[k]);
    }
    double mean = Arrays.stream(seconds).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(seconds).map(s -> (s - mean) * (s - mean)).sum() / Math.max(1, keys - 1));
    System.out.printf("measure: 2048-bit safe-prime modulus: mean %.2f s, sd %.2f s, min %.2f s, max %.2f s over %d"
        + " (one thread; ordinary primes for comparison below)%n", mean, sd,
        Arrays.stream(seconds).min().orElseThrow(), Arrays.stream(seconds).max().orElseThrow(), keys);
    long start = System.nanoTime();
    for (int k = 0; k < keys; k++) {
      PaillierKeyPair.generate(2048, RANDOM);
    }
    System.out.printf("measure: 2048-bit ordinary key pair: mean %.2f s over %d%n",
        (System.nanoTime() - start) / 1e9 / keys, keys);
  }

  @Test
  void partialDecryptionProofsAndCombinationAt2048Bits() throws Exception {
    int values = Integer.getInteger("flep.measure.values", 100_000);
    PaillierSchemeProvider provider = new PaillierSchemeProvider();
    KeyMaterial dealt = provider.generateKeyPair(PluginOptions.empty().with("threshold", "2")
        .with("shareholders", "3"), RANDOM);
    List<KeyMaterial> shares = provider.splitShares(dealt);
    HomomorphicEncryption analyst = provider.newEncryption(dealt.publicOnly());
    double[] x = new Random(1).doubles(values, -0.5, 0.5).toArray();
    long t0 = System.nanoTime();
    HeCiphertext c = analyst.encrypt(x);
    long t1 = System.nanoTime();
    int count = ((PaillierCiphertext) c).ciphertextCount();
    System.out.printf("measure: %d values = %d ciphertexts; encrypt (cold) %.1f s%n", values, count, (t1 - t0) / 1e9);

    byte[][] partials = new byte[3][];
    for (int i = 1; i <= 3; i++) {
      long s = System.nanoTime();
      partials[i - 1] = provider.newThresholdDecryption(shares.get(i - 1)).partialDecrypt(c);
      System.out.printf("measure: partial decryption with proof, holder %d: %.1f s (%d bytes)%n", i,
          (System.nanoTime() - s) / 1e9, partials[i - 1].length);
    }
    ThresholdPaillierScheme holder1 = (ThresholdPaillierScheme) provider.newThresholdDecryption(shares.get(0));
    PaillierKeyCodec.Decoded d = PaillierKeyCodec.decode(shares.get(0));
    ThresholdPublicKey key = d.thresholdKey().orElseThrow();
    byte[] digest = PaillierPublicKey.sha256(c.toBytes());
    ThresholdPaillierScheme.Parsed p1 = holder1.parsePartial(partials[0], digest, count);
    BigInteger[] parts = ((PaillierCiphertext) c).parts();
    long s = System.nanoTime();
    key.prove(d.shares().get(0), digest, parts, p1.parts(), RANDOM);
    long proveNanos = System.nanoTime() - s;
    s = System.nanoTime();
    assertThat(key.verify(1, digest, parts, p1.parts(), p1.proof())).isTrue();
    long verifyNanos = System.nanoTime() - s;
    System.out.printf("measure: of which the batched proof %.2f s; checking one proof %.2f s%n", proveNanos / 1e9,
        verifyNanos / 1e9);

    ThresholdDecryption combiner = provider.newThresholdDecryption(dealt.publicOnly());
    s = System.nanoTime();
    ThresholdDecryption.Combination result = combiner.combine(c, Map.of(1, partials[0], 2, partials[1], 3,
        partials[2]));
    System.out.printf("measure: combine (3 proofs checked, 2 combined) %.1f s%n", (System.nanoTime() - s) / 1e9);
    assertThat(result.sum()).containsExactly(x, within(1e-5));
  }
}
