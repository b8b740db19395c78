package io.flep.lab.he.cli;

import io.flep.lab.he.bench.HeBench;
import io.flep.lab.he.bench.HeBenchResult;
import io.flep.lab.report.Json;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.he.HomomorphicSchemeProvider;
import io.flep.plugin.host.PluginRegistry;
import io.flep.plugin.host.UnknownPluginException;
import java.nio.file.Path;
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
      description = "Values to encrypt with the same scheme unpacked (option slots=1, no precomputation) as the"
          + " per-value baseline; 0 skips it; paillier only (default: ${DEFAULT-VALUE}).")
  int baselineValues;

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
      try {
        HeBenchResult result = inPool(pool, new HeBench(provider, PluginOptions.of(keyOptions), values,
            contributors, this::progress));
        Double baseline = null;
        Double baselinePrecomputed = null;
        if (baselineValues > 0 && "paillier".equals(scheme)) {
          Map<String, String> unpacked = new LinkedHashMap<>(keyOptions);
          unpacked.put("slots", "1");
          HeBench textbook = new HeBench(provider, PluginOptions.of(unpacked), baselineValues, 1, this::progress);
          progress("baseline: " + baselineValues + " values unpacked, no precomputation");
          baseline = inPool(pool, textbook.withoutPrecomputation()).encryptValuesPerSecond();
          progress("baseline: " + baselineValues + " values unpacked, randomness precomputed");
          baselinePrecomputed = inPool(pool, textbook).encryptValuesPerSecond();
        }
        report(result, baseline, baselinePrecomputed, poolSize);
      } finally {
        pool.shutdown();
      }
    }
    return 0;
  }

  private HeBenchResult inPool(ForkJoinPool pool, HeBench bench) throws Exception {
    try {
      return pool.submit(bench::run).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  private void report(HeBenchResult r, Double baseline, Double baselinePrecomputed, int poolSize)
      throws Exception {
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
    out.put("unpackedEncryptValuesPerSecond", baseline == null ? null : round(baseline));
    out.put("packedSpeedupPerValue", baseline == null ? null : round(r.encryptValuesPerSecond() / baseline));
    out.put("unpackedPrecomputedEncryptValuesPerSecond",
        baselinePrecomputed == null ? null : round(baselinePrecomputed));
    out.put("packingSpeedupAtEqualPrecomputation",
        baselinePrecomputed == null ? null : round(r.encryptValuesPerSecond() / baselinePrecomputed));
    System.out.println(String.format(Locale.ROOT,
        "%s (%d-bit key), %d threads, %d contributors x %d values:%n"
            + "  keygen %.0f ms; precompute %.2f s (%,.0f values/s, off the hot path)%n"
            + "  encrypt %,.0f values/s (%,.0f per thread); add %s values/s; decrypt %,.0f values/s%n"
            + "%s"
            + "  %.3f ciphertext bytes per value (%.2fx float32); max abs error %.3g%n"
            + "  encrypt + aggregate + decrypt: %.2f s%s",
        scheme, r.keyBits(), poolSize, contributors, values, r.keygenMs(), r.precomputeSeconds(), r.precomputeValuesPerSecond(),
        r.encryptValuesPerSecond(), r.encryptValuesPerSecond() / poolSize,
        Double.isFinite(r.addValuesPerSecond()) ? String.format(Locale.ROOT, "%,.0f", r.addValuesPerSecond()) : "n/a",
        r.decryptValuesPerSecond(), r.threshold() == 0 ? "" : String.format(Locale.ROOT,
            "  threshold key: %d partial decryptions in turn + combining; one share holder %,.0f values/s%n",
            r.threshold(), r.partialDecryptValuesPerSecond()),
        r.ciphertextBytesPerValue(), r.ciphertextBytesPerValue() / 4, r.maxAbsError(),
        r.endToEndSeconds(), baseline == null ? "" : String.format(Locale.ROOT,
            "%n  unpacked baseline %,.0f values/s: packed is %.0fx faster per value"
                + "%n  (unpacked with precomputed randomness %,.0f values/s: packing alone is %.0fx)", baseline,
            r.encryptValuesPerSecond() / baseline, baselinePrecomputed,
            r.encryptValuesPerSecond() / baselinePrecomputed)));
    if (json != null) {
      Json.write(json, out);
    }
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
