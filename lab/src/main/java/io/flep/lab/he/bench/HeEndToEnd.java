package io.flep.lab.he.bench;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.he.HomomorphicSchemeProvider;
import io.flep.plugin.api.he.ThresholdDecryption;
import io.flep.plugin.api.key.KeyMaterial;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The end-to-end round of issue 14's target: {@code analysts} updates of {@code values} parameters encrypted cold
 * (nothing precomputed; the per-key table built by the first), aggregated, decrypted by a t-of-ℓ threshold key —
 * t holders' partial decryptions with their proofs, and the combination, which checks every proof — and the FedAvg
 * mean compared with plaintext FedAvg. Everything runs on this machine one step after the other; the result also
 * gives the critical path of a federation whose analysts and share holders work on their own machines at once
 * (slowest analyst, which is the one that built the table, + aggregation + slowest holder + combination). The safe
 * primes of the key are prepared before the clock starts, as FLEP prepares them ahead of need.
 */
public final class HeEndToEnd {
  private final HomomorphicSchemeProvider provider;
  private final PluginOptions keyOptions;
  private final int values;
  private final int analysts;
  private final Consumer<String> progress;

  public HeEndToEnd(HomomorphicSchemeProvider provider, PluginOptions keyOptions, int values, int analysts,
      Consumer<String> progress) {
    if (values < 1 || analysts < 1) {
      throw new IllegalArgumentException("values and analysts must be positive");
    }
    this.provider = provider;
    this.keyOptions = keyOptions;
    this.values = values;
    this.analysts = analysts;
    this.progress = progress;
  }

  /**
   * @param encryptSeconds  each analyst's cold encryption, in turn (the first builds the table)
   * @param partialSeconds  each share holder's partial decryption with its proof, in turn
   * @param combineSeconds  checking every proof and combining
   * @param fedAvgMaxAbsError largest |decrypted sum / analysts − plaintext mean| over the parameters
   */
  public record Result(int keyBits, int threshold, int shareholders, int values, int analysts, double dealMs,
      double[] encryptSeconds, double aggregateSeconds, double[] partialSeconds, double combineSeconds,
      double fedAvgMaxAbsError, List<Integer> combined) {

    /** Everything, one step after the other on this machine. */
    public double endToEndSeconds() {
      return Arrays.stream(encryptSeconds).sum() + aggregateSeconds + Arrays.stream(partialSeconds).sum()
          + combineSeconds;
    }

    /** Analysts and holders each on their own machine, at once. */
    public double criticalPathSeconds() {
      return Arrays.stream(encryptSeconds).max().orElse(0) + aggregateSeconds
          + Arrays.stream(partialSeconds).max().orElse(0) + combineSeconds;
    }

    /** All analysts' values over their summed encryption time. */
    public double encryptValuesPerSecondCold() {
      return (double) values * analysts / Arrays.stream(encryptSeconds).sum();
    }
  }

  public Result run() throws GeneralSecurityException {
    progress.accept("preparing a safe-prime modulus (before the clock starts)");
    provider.prepareKeyPairs(keyOptions, 1).join();
    long t0 = System.nanoTime();
    KeyMaterial dealt = provider.generateKeyPair(keyOptions, new SecureRandom());
    double dealMs = (System.nanoTime() - t0) / 1e6;
    List<KeyMaterial> shares = provider.splitShares(dealt);
    HomomorphicEncryption cloud = provider.newEncryption(dealt.publicOnly());
    ThresholdDecryption combiner = provider.newThresholdDecryption(dealt.publicOnly());

    Random r = new Random(1);
    double[][] updates = new double[analysts][values];
    for (double[] u : updates) {
      for (int j = 0; j < values; j++) {
        u[j] = (r.nextDouble() * 2 - 1) * HeBench.VALUE_RANGE;
      }
    }
    double[] encryptSeconds = new double[analysts];
    List<byte[]> wire = new ArrayList<>();
    for (int a = 0; a < analysts; a++) {
      progress.accept("analyst " + (a + 1) + " of " + analysts + " encrypts its update (cold)");
      HomomorphicEncryption analyst = provider.newEncryption(dealt.publicOnly()); // its own instance, as in its process
      t0 = System.nanoTime();
      wire.add(analyst.encrypt(updates[a]).toBytes());
      encryptSeconds[a] = secondsSince(t0);
    }
    progress.accept("aggregating");
    t0 = System.nanoTime();
    HeCiphertext sum = cloud.parse(wire.get(0));
    for (int a = 1; a < analysts; a++) {
      sum = cloud.add(sum, cloud.parse(wire.get(a)));
    }
    byte[] aggregate = sum.toBytes();
    double aggregateSeconds = secondsSince(t0);

    int t = combiner.threshold();
    double[] partialSeconds = new double[t];
    Map<Integer, byte[]> partials = new TreeMap<>();
    for (int i = 0; i < t; i++) {
      progress.accept("share holder " + (i + 1) + " decrypts partially, with its proof");
      ThresholdDecryption holder = provider.newThresholdDecryption(shares.get(i));
      t0 = System.nanoTime();
      partials.put(holder.shareIndex(), holder.partialDecrypt(cloud.parse(aggregate)));
      partialSeconds[i] = secondsSince(t0);
    }
    progress.accept("combining (every proof checked)");
    t0 = System.nanoTime();
    ThresholdDecryption.Combination combination = combiner.combine(cloud.parse(aggregate), partials);
    double combineSeconds = secondsSince(t0);

    double error = 0;
    for (int j = 0; j < values; j++) {
      double plain = 0;
      for (double[] u : updates) {
        plain += u[j];
      }
      error = Math.max(error, Math.abs(combination.sum()[j] / analysts - plain / analysts));
    }
    return new Result(cloud.keyBits(), t, combiner.shareholders(), values, analysts, dealMs, encryptSeconds,
        aggregateSeconds, partialSeconds, combineSeconds, error, combination.combined());
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
