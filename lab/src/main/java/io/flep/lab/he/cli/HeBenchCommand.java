package io.flep.lab.he.cli;

import io.flep.lab.he.bench.HeBench;
import io.flep.lab.he.bench.HeBenchResult;
import io.flep.lab.he.bench.HeEndToEnd;
import io.flep.lab.he.bench.DecryptionBaseline;
import io.flep.lab.he.bench.TextbookBaseline;
import io.flep.lab.report.Json;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.he.HomomorphicSchemeProvider;
import io.flep.plugin.host.PluginRegistry;
import io.flep.plugin.host.UnknownPluginException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flep he bench}: one aggregation round of a homomorphic scheme on this machine (key generation,
 * precomputation, encryption, addition, decryption, error), optionally against the unpacked baseline. Figures
 * depend on the machine and its load; docs/he-aggregation.md lists measured ones.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Times key generation, encryption, homomorphic addition and decryption of model-sized vectors.")
public final class HeBenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--scheme", paramLabel = "ID", defaultValue = "paillier",
      description = "Homomorphic scheme plugin (default: ${DEFAULT-VALUE}).")
  String scheme;

  @Option(names = "--values", paramLabel = "N", defaultValue = "100000",
      description = "Values per update, e.g. model parameters (default: ${DEFAULT-VALUE}).")
  int values;

  @Option(names = "--contributors", paramLabel = "K", defaultValue = "10",
      description = "Updates encrypted and added (default: ${DEFAULT-VALUE}).")
  int contributors;

  @Option(names = "--key-bits", paramLabel = "BITS", description = "Shorthand for --option keyBits=BITS.")
  Integer keyBits;

  @Option(names = "--option", paramLabel = "K=V", description = "Key option of the scheme (repeatable).")
  Map<String, String> options = new LinkedHashMap<>();

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads (default: the number of cores, ${sys:flep.cores:-all}).")
  Integer threads;

  @Option(names = "--baseline-values", paramLabel = "N", defaultValue = "200",
      description = "Values to encrypt with plain unpacked textbook Paillier (r^n for every value) at the same key"
          + " size as the per-value baseline, and with the scheme unpacked (slots=1) after precomputation; 0 skips"
          + " these and the decryption baseline (the sum's ciphertexts decrypted as before base blinding);"
          + " paillier only (default: ${DEFAULT-VALUE}).")
  int baselineValues;

  @Option(names = "--end-to-end",
      description = "Instead: the round of issue 14's target with a threshold key (default threshold=2,"
          + " shareholders=3): --contributors analysts encrypt cold, the sum is aggregated, t holders decrypt"
          + " partially with proofs, the combination checks them; error against plaintext FedAvg.")
  boolean endToEnd;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  @Option(names = "--plugins-dir", paramLabel = "DIR", defaultValue = "plugins",
      description = "Folder of drop-in plugin JARs (default: ${DEFAULT-VALUE}).")
  Path pluginsDir;

  @Override
  public Integer call() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    int poolSize = threads == null ? cores : threads;
    if (values < 1 || contributors < 1 || poolSize < 1 || baselineValues < 0) {
      throw new ParameterException(spec.commandLine(),
          "--values, --contributors and --threads must be positive, --baseline-values >= 0");
    }
    Map<String, String> keyOptions = new LinkedHashMap<>(options);
    if (keyBits != null) {
      keyOptions.put("keyBits", keyBits.toString());
    }
    HomomorphicSchemeProvider provider;
    try (PluginRegistry registry = PluginRegistry.load(pluginsDir, getClass().getClassLoader())) {
      try {
        provider = registry.homomorphicScheme(scheme);
      } catch (UnknownPluginException e) {
        throw new ParameterException(spec.commandLine(), "unknown scheme: " + e.getMessage());
      }
      provider.parameters().validate(scheme, keyOptions,
          name -> "keyBits".equals(name) && keyBits != null ? "--key-bits" : "--option");
      ForkJoinPool pool = new ForkJoinPool(poolSize);
      double loadBefore = loadAverage();
      if (endToEnd) {
        keyOptions.putIfAbsent("threshold", "2");
        keyOptions.putIfAbsent("shareholders", "3");
        provider.parameters().validate(scheme, keyOptions, name -> "--option");
        try {
          HeEndToEnd bench = new HeEndToEnd(provider, PluginOptions.of(keyOptions), values, contributors,
              this::progress);
          reportEndToEnd(inPool(pool, bench::run), poolSize, loadBefore, loadAverage());
        } finally {
          pool.shutdown();
        }
        return 0;
      }
      try {
        HeBenchResult result = inPool(pool, new HeBench(provider, PluginOptions.of(keyOptions), values,
            contributors, this::progress));
        Double baseline = null;
        Double baselinePrecomputed = null;
        Double decryptBaseline = null;
        if (baselineValues > 0 && "paillier".equals(scheme)) {
          // the sum's ciphertexts: its size over the width of one, 2·keyBits/8 bytes (a header of a few bytes aside)
          int ciphertexts = result.bytesPerUpdate() / (result.keyBits() / 4);
          boolean partial = result.threshold() > 0;
          progress("decryption baseline: " + ciphertexts + " ciphertexts, " + (partial
              ? "one holder's partial decryptions with modPow, unblinded, no proof" : "CRT with modPow, unblinded"));
          int warmUpValues = Math.min(values, partial ? HeBench.THRESHOLD_WARM_UP_VALUES : HeBench.WARM_UP_VALUES);
          int warmUp = (int) Math.ceil((double) ciphertexts * warmUpValues / values);
          double seconds = inPool(pool, new DecryptionBaseline(
              partial ? DecryptionBaseline.Kind.PARTIAL : DecryptionBaseline.Kind.CRT, result.keyBits(), ciphertexts,
              warmUp, Integer.parseInt(keyOptions.getOrDefault("shareholders", "3"))));
          decryptBaseline = values / seconds;
          progress("baseline: " + baselineValues + " values, plain unpacked textbook paillier (r^n for each)");
          baseline = inPool(pool, new TextbookBaseline(result.keyBits(), baselineValues));
          Map<String, String> unpacked = new LinkedHashMap<>(keyOptions);
          unpacked.put("slots", "1");
          progress("baseline: " + baselineValues + " values unpacked (slots=1), randomness precomputed");
          baselinePrecomputed = inPool(pool, new HeBench(provider, PluginOptions.of(unpacked), baselineValues, 1,
              this::progress)::run).encryptValuesPerSecond();
        }
        report(result, baseline, baselinePrecomputed, decryptBaseline, poolSize, loadBefore, loadAverage());
      } finally {
        pool.shutdown();
      }
    }
    return 0;
  }

  private HeBenchResult inPool(ForkJoinPool pool, HeBench bench) throws Exception {
    return inPool(pool, bench::run);
  }

  private static <T> T inPool(ForkJoinPool pool, Callable<T> task) throws Exception {
    try {
      return pool.submit(task).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  private void report(HeBenchResult r, Double baseline, Double baselinePrecomputed, Double decryptBaseline,
      int poolSize, double loadBefore, double loadAfter) throws Exception {
    // for a threshold key the baseline is one holder's partial decryptions, compared with one holder's (proof included)
    double decryptRate = r.threshold() == 0 ? r.decryptValuesPerSecond() : r.partialDecryptValuesPerSecond();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("scheme", scheme);
    out.put("keyBits", r.keyBits());
    out.put("threads", poolSize);
    out.put("values", values);
    out.put("contributors", contributors);
    out.put("keygenMs", round(r.keygenMs()));
    out.put("precomputeValuesPerSecond", round(r.precomputeValuesPerSecond()));
    out.put("encryptValuesPerSecond", round(r.encryptValuesPerSecond()));
    out.put("encryptValuesPerSecondPerThread", round(r.encryptValuesPerSecond() / poolSize));
    out.put("addValuesPerSecond", finiteOrNull(r.addValuesPerSecond()));
    out.put("decryptValuesPerSecond", round(r.decryptValuesPerSecond()));
    out.put("threshold", r.threshold());
    out.put("partialDecryptValuesPerSecond", finiteOrNull(r.partialDecryptValuesPerSecond()));
    out.put("ciphertextBytesPerValue", Math.round(r.ciphertextBytesPerValue() * 1000) / 1000.0);
    out.put("maxAbsError", r.maxAbsError());
    out.put("endToEndSeconds", Math.round(r.endToEndSeconds() * 1000) / 1000.0);
    out.put("precomputeSeconds", Math.round(r.precomputeSeconds() * 1000) / 1000.0);
    out.put("precomputeMs", round(r.precomputeSeconds() * 1000));
    out.put("encryptValuesPerSecondCold", round(r.encryptValuesPerSecondCold()));
    out.put("firstColdEncryptMs", round(r.firstColdEncryptMs()));
    out.put("baselineValuesPerSecond", baseline == null ? null : round(baseline));
    out.put("coldSpeedupPerValue", baseline == null ? null : round(r.encryptValuesPerSecondCold() / baseline));
    out.put(r.threshold() == 0 ? "decryptBaselineValuesPerSecond" : "partialDecryptBaselineValuesPerSecond",
        decryptBaseline == null ? null : round(decryptBaseline));
    out.put(r.threshold() == 0 ? "decryptSpeedupVsBaseline" : "partialDecryptSpeedupVsBaseline",
        decryptBaseline == null ? null : Math.round(decryptRate / decryptBaseline * 1000) / 1000.0);
    out.put("loadAverageBefore", round(loadBefore));
    out.put("loadAverageAfter", round(loadAfter));
    out.put("unpackedEncryptValuesPerSecond", baseline == null ? null : round(baseline));
    out.put("packedSpeedupPerValue", baseline == null ? null : round(r.encryptValuesPerSecond() / baseline));
    out.put("unpackedPrecomputedEncryptValuesPerSecond",
        baselinePrecomputed == null ? null : round(baselinePrecomputed));
    out.put("packingSpeedupAtEqualPrecomputation",
        baselinePrecomputed == null ? null : round(r.encryptValuesPerSecond() / baselinePrecomputed));
    System.out.println(String.format(Locale.ROOT,
        "%s (%d-bit key), %d threads, %d contributors x %d values (load average %.1f before, %.1f after):%n"
            + "  cold encrypt (nothing precomputed, table set-up included) %,.0f values/s; first update %.0f ms%n"
            + "  keygen %.0f ms; precompute %.2f s (%,.0f values/s, off the hot path)%n"
            + "  encrypt %,.0f values/s (%,.0f per thread); add %s values/s; decrypt %,.0f values/s%n"
            + "%s"
            + "  %.3f ciphertext bytes per value (%.2fx float32); max abs error %.3g%n"
            + "  encrypt + aggregate + decrypt: %.2f s%s%s",
        scheme, r.keyBits(), poolSize, contributors, values, loadBefore, loadAfter, r.encryptValuesPerSecondCold(),
        r.firstColdEncryptMs(), r.keygenMs(), r.precomputeSeconds(), r.precomputeValuesPerSecond(),
        r.encryptValuesPerSecond(), r.encryptValuesPerSecond() / poolSize,
        Double.isFinite(r.addValuesPerSecond()) ? String.format(Locale.ROOT, "%,.0f", r.addValuesPerSecond()) : "n/a",
        r.decryptValuesPerSecond(), r.threshold() == 0 ? "" : String.format(Locale.ROOT,
            "  threshold key: %d partial decryptions in turn + combining; one share holder %,.0f values/s%n",
            r.threshold(), r.partialDecryptValuesPerSecond()),
        r.ciphertextBytesPerValue(), r.ciphertextBytesPerValue() / 4, r.maxAbsError(),
        r.endToEndSeconds(), baseline == null ? "" : String.format(Locale.ROOT,
            "%n  textbook baseline (unpacked, r^n per value) %,.0f values/s: cold is %.0fx, precomputed %.0fx faster"
                + " per value%n  (unpacked with precomputed randomness %,.0f values/s: packing alone is %.0fx)",
            baseline, r.encryptValuesPerSecondCold() / baseline, r.encryptValuesPerSecond() / baseline,
            baselinePrecomputed, r.encryptValuesPerSecond() / baselinePrecomputed),
        decryptBaseline == null ? "" : String.format(Locale.ROOT,
            "%n  decryption baseline (as before issue 14: %s) %,.0f values/s: this decryption is %.3fx",
            r.threshold() == 0 ? "CRT with modPow, no blinding" : "one holder's partials with modPow, no blinding,"
                + " no proof", decryptBaseline, decryptRate / decryptBaseline)));
    if (json != null) {
      Json.write(json, out);
    }
  }

  private void reportEndToEnd(HeEndToEnd.Result r, int poolSize, double loadBefore, double loadAfter)
      throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mode", "end-to-end");
    out.put("scheme", scheme);
    out.put("keyBits", r.keyBits());
    out.put("threshold", r.threshold());
    out.put("shareholders", r.shareholders());
    out.put("threads", poolSize);
    out.put("values", r.values());
    out.put("analysts", r.analysts());
    out.put("dealMs", round(r.dealMs()));
    out.put("encryptSecondsPerAnalyst", Arrays.stream(r.encryptSeconds()).map(x -> Math.round(x * 1000) / 1000.0)
        .boxed().toList());
    out.put("encryptValuesPerSecondCold", round(r.encryptValuesPerSecondCold()));
    out.put("aggregateSeconds", Math.round(r.aggregateSeconds() * 1000) / 1000.0);
    out.put("partialDecryptSecondsPerHolder", Arrays.stream(r.partialSeconds())
        .map(x -> Math.round(x * 1000) / 1000.0).boxed().toList());
    out.put("combineSeconds", Math.round(r.combineSeconds() * 1000) / 1000.0);
    out.put("combined", r.combined());
    out.put("endToEndSeconds", Math.round(r.endToEndSeconds() * 1000) / 1000.0);
    out.put("criticalPathSeconds", Math.round(r.criticalPathSeconds() * 1000) / 1000.0);
    out.put("fedAvgMaxAbsError", r.fedAvgMaxAbsError());
    out.put("loadAverageBefore", round(loadBefore));
    out.put("loadAverageAfter", round(loadAfter));
    System.out.println(String.format(Locale.ROOT,
        "%s end to end (%d-bit %d-of-%d threshold key), %d threads, %d analysts x %d values"
            + " (load average %.1f before, %.1f after):%n"
            + "  encrypt cold %s s (%,.0f values/s); aggregate %.2f s%n"
            + "  partial decryptions with proofs %s s; combine (every proof checked) %.2f s, holders %s%n"
            + "  all in turn on this machine: %.2f s; critical path (analysts and holders on their own machines):"
            + " %.2f s%n  FedAvg max abs error vs plaintext: %.3g",
        scheme, r.keyBits(), r.threshold(), r.shareholders(), poolSize, r.analysts(), r.values(), loadBefore,
        loadAfter, seconds(r.encryptSeconds()), r.encryptValuesPerSecondCold(), r.aggregateSeconds(),
        seconds(r.partialSeconds()), r.combineSeconds(), r.combined(), r.endToEndSeconds(),
        r.criticalPathSeconds(), r.fedAvgMaxAbsError()));
    if (json != null) {
      Json.write(json, out);
    }
  }

  private static String seconds(double[] xs) {
    return Arrays.stream(xs).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).toList().toString();
  }

  /** The system's one-minute load average (-1 where unavailable). */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private void progress(String step) {
    System.err.println("flep he bench: " + step + " ...");
  }

  private static Object finiteOrNull(double x) {
    return Double.isFinite(x) ? round(x) : null;
  }

  private static double round(double x) {
    return Math.round(x * 10) / 10.0;
  }
}
