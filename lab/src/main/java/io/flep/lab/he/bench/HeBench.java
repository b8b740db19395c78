package io.flep.lab.he.bench;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.PluginParameters;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HeParameters;
import io.flep.plugin.api.he.HomomorphicDecryption;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.he.HomomorphicSchemeProvider;
import io.flep.plugin.api.he.ThresholdDecryption;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.param.ParameterSet;
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
 * One homomorphic-aggregation benchmark: key generation, encryption of {@code contributors} vectors of
 * {@code values} random model-sized values cold (nothing precomputed, per-key tables built on the way), then — unless
 * {@link #withoutPrecomputation()} — precomputation of the randomness and encryption again with it, homomorphic
 * addition, one decryption (for a threshold key:
 * the threshold's partial decryptions, one after the other, and their combination), and the error against the
 * plaintext sum. The caller runs it inside the thread pool whose size it reports; parallel work in the
 * scheme runs there.
 *
 * <p>Decryption is timed warm, as in a long-running party: an untimed decryption of the first {@value #WARM_UP_VALUES}
 * values (encrypted alone; {@value #THRESHOLD_WARM_UP_VALUES} for a threshold key, whose exponentiations are four
 * times longer) runs first, so that the time does not include the JIT compiling the exponentiation;
 * {@link DecryptionBaseline} warms up on as many ciphertexts before it times its own.
 */
public final class HeBench {
  private final HomomorphicSchemeProvider provider;
  private final PluginOptions keyOptions;
  private final int values;
  private final int contributors;
  private final Consumer<String> progress;
  private final boolean precompute;

  /** Values drawn uniformly from ±{@value #VALUE_RANGE}, like the weights of a small trained network. */
  static final double VALUE_RANGE = 0.5;
  /** Values of the untimed warm-up decryption (fewer gave a cold decryption 5–7 % slower than a warm one). */
  public static final int WARM_UP_VALUES = 30_000;
  /** The same for a threshold key: the holders' partial decryptions, then their combination. */
  public static final int THRESHOLD_WARM_UP_VALUES = 5_000;

  public HeBench(HomomorphicSchemeProvider provider, PluginOptions keyOptions, int values, int contributors,
      Consumer<String> progress) {
    this(provider, keyOptions, values, contributors, progress, true);
  }

  private HeBench(HomomorphicSchemeProvider provider, PluginOptions keyOptions, int values, int contributors,
      Consumer<String> progress, boolean precompute) {
    if (values < 1 || contributors < 1) {
      throw new IllegalArgumentException("values and contributors must be positive, got " + values + " and "
          + contributors);
    }
    this.provider = provider;
    this.keyOptions = keyOptions;
    this.values = values;
    this.contributors = contributors;
    this.progress = progress;
    this.precompute = precompute;
  }

  /** The same benchmark with no precomputation: only the cold encryption, whose ciphertexts are then added. */
  public HeBench withoutPrecomputation() {
    return new HeBench(provider, keyOptions, values, contributors, progress, false);
  }

  /** Times one full round; see {@link HeBenchResult} for what each figure measures. */
  public HeBenchResult run() throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    double firstColdMs = 0;
    progress.accept("generating the key");
    long t0 = System.nanoTime();
    KeyMaterial key = provider.generateKeyPair(keyOptions, random);
    double keygenMs = millisSince(t0);
    HomomorphicEncryption analyst = provider.newEncryption(key.publicOnly());
    ParameterSet declared = provider.parameters();
    boolean isThreshold = declared.declares(HeParameters.THRESHOLD)
        && PluginParameters.validate(provider, declared, keyOptions).get(HeParameters.THRESHOLD) > 0;
    ThresholdDecryption threshold = isThreshold ? provider.newThresholdDecryption(key.publicOnly()) : null;
    List<KeyMaterial> shares = isThreshold ? provider.splitShares(key) : List.of();
    HomomorphicDecryption holder = isThreshold ? null : provider.newDecryption(key);

    double[][] updates = randomUpdates(new Random(1));

    // cold: nothing precomputed, and the key is new to this process, so the first encryption also builds whatever
    // per-key tables the scheme keeps (for paillier: the fixed-base table of h_s)
    progress.accept("encrypting " + contributors + " updates cold (no precomputed randomness)");
    List<HeCiphertext> encrypted = new ArrayList<>(contributors);
    t0 = System.nanoTime();
    for (double[] update : updates) {
      encrypted.add(analyst.encrypt(update));
      if (encrypted.size() == 1) {
        firstColdMs = millisSince(t0);
      }
    }
    double coldSeconds = secondsSince(t0);
    double precomputeSeconds = 0;
    double encryptSeconds = coldSeconds;
    if (precompute) {
      progress.accept("precomputing randomness for " + contributors + " x " + values + " values");
      t0 = System.nanoTime();
      analyst.prepareEncryptions(values * contributors).join();
      precomputeSeconds = secondsSince(t0);
      progress.accept("encrypting " + contributors + " updates with the precomputed randomness");
      encrypted.clear();
      t0 = System.nanoTime();
      for (double[] update : updates) {
        encrypted.add(analyst.encrypt(update));
      }
      encryptSeconds = secondsSince(t0);
    }
    int bytes = encrypted.get(0).toBytes().length;

    progress.accept("adding");
    t0 = System.nanoTime();
    HeCiphertext sum = encrypted.get(0);
    for (int i = 1; i < contributors; i++) {
      sum = analyst.add(sum, encrypted.get(i));
    }
    double addSeconds = secondsSince(t0);

    progress.accept("warming up the decryption");
    HeCiphertext warmUp = analyst.encrypt(Arrays.copyOf(updates[0],
        Math.min(values, threshold == null ? WARM_UP_VALUES : THRESHOLD_WARM_UP_VALUES)));
    if (threshold == null) {
      holder.decrypt(warmUp);
    } else {
      Map<Integer, byte[]> partials = new TreeMap<>();
      for (int i = 0; i < threshold.threshold(); i++) {
        ThresholdDecryption shareHolder = provider.newThresholdDecryption(shares.get(i));
        partials.put(shareHolder.shareIndex(), shareHolder.partialDecrypt(warmUp));
      }
      threshold.combine(warmUp, partials);
    }

    double[] decrypted;
    double decryptSeconds;
    double partialSeconds = Double.NaN;
    if (threshold == null) {
      progress.accept("decrypting the sum");
      t0 = System.nanoTime();
      decrypted = holder.decrypt(sum);
      decryptSeconds = secondsSince(t0);
    } else {
      // the share holders would work in parallel on their own machines; here they take turns
      Map<Integer, byte[]> partials = new TreeMap<>();
      long start = System.nanoTime();
      for (int i = 0; i < threshold.threshold(); i++) {
        progress.accept("partial decryption by share holder " + (i + 1) + " of " + threshold.threshold());
        ThresholdDecryption shareHolder = provider.newThresholdDecryption(shares.get(i));
        partials.put(shareHolder.shareIndex(), shareHolder.partialDecrypt(sum));
      }
      partialSeconds = secondsSince(start) / threshold.threshold();
      progress.accept("combining");
      decrypted = threshold.combine(sum, partials).sum();
      decryptSeconds = secondsSince(start);
    }

    double maxAbsError = 0;
    for (int j = 0; j < values; j++) {
      double plain = 0;
      for (double[] update : updates) {
        plain += update[j];
      }
      maxAbsError = Math.max(maxAbsError, Math.abs(decrypted[j] - plain));
    }
    return new HeBenchResult(analyst.keyBits(), keygenMs, precomputeSeconds, encryptSeconds, addSeconds,
        decryptSeconds, values, contributors, bytes, maxAbsError, analyst.clippedValueCount(),
        threshold == null ? 0 : threshold.threshold(), partialSeconds, coldSeconds, firstColdMs);
  }

  private double[][] randomUpdates(Random r) {
    double[][] updates = new double[contributors][values];
    for (double[] update : updates) {
      for (int j = 0; j < values; j++) {
        update[j] = (r.nextDouble() * 2 - 1) * VALUE_RANGE;
      }
    }
    return updates;
  }

  private static double millisSince(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
