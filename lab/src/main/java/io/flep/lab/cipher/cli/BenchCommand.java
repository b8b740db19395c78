package io.flep.lab.cipher.cli;

import io.flep.lab.cipher.bench.BenchImages;
import io.flep.lab.cipher.bench.BenchReport;
import io.flep.lab.cipher.bench.BenchResult;
import io.flep.lab.cipher.bench.Harness;
import io.flep.lab.cipher.bench.JdkAesGcm;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.aead.Aead;
import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.RasterImage;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.workers.failure.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flep cipher bench}: encrypt and decrypt time of one {@code size}² grey image for every image scheme
 * (each key variant) and for byte schemes on the same pixel bytes, in one run and one JVM, with {@link Harness}.
 * Single-threaded latency; numbers depend on the machine, so tests never assert them.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Times encrypt/decrypt of a size x size grey image per scheme (median, p90, MB/s), next to AES-GCM.")
public final class BenchCommand implements Callable<Integer> {
  static final String DEFAULT_BYTE_SCHEME = "aes-gcm";

  @Option(names = "--scheme", paramLabel = "ID",
      description = "Scheme to measure, repeatable (default: every installed image scheme, aes-gcm, and the JDK's"
          + " own AES-GCM as a hardware-accelerated reference).")
  List<String> schemes = new ArrayList<>();

  @Option(names = "--variant", paramLabel = "K=V[,K=V...]",
      description = "Key options of one image-scheme case, repeatable; an empty value is the scheme's defaults"
          + " (default: noise=true and noise=false).")
  List<String> variants = new ArrayList<>();

  @Option(names = "--size", paramLabel = "PIXELS", defaultValue = "256",
      description = "Side of the square grey test image (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "3",
      description = "Minimum timed seconds per case and operation (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--warmup", paramLabel = "S", defaultValue = "1",
      description = "Untimed warm-up seconds per case and operation (default: ${DEFAULT-VALUE}).")
  double warmup;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  @Option(names = "--plugins-dir", paramLabel = "DIR", defaultValue = "plugins",
      description = "Folder of drop-in plugin JARs (default: ${DEFAULT-VALUE}).")
  Path pluginsDir;

  static final String JDK_BASELINE = "jdk-aes-gcm";
  private static final int MIN_ITERATIONS = 5;
  private static final List<String> DEFAULT_VARIANTS = List.of("noise=true", "noise=false");

  @Override
  public Integer call() throws Exception {
    if (size <= 0 || !(seconds >= 0) || !(warmup >= 0)) {
      throw new BadInputException("--size must be positive and --seconds, --warmup not negative");
    }
    Harness harness = new Harness(
        Duration.ofNanos((long) (warmup * 1e9)), Duration.ofNanos((long) (seconds * 1e9)), MIN_ITERATIONS);
    RasterImage image = BenchImages.grey(size);
    List<BenchResult> results = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    try (Schemes installed = Schemes.load(pluginsDir)) {
      List<String> ids = new ArrayList<>(schemes);
      if (ids.isEmpty()) {
        ids.addAll(installed.imageSchemes());
        ids.add(DEFAULT_BYTE_SCHEME);
      }
      System.out.printf(Locale.ROOT, "flep cipher bench: %dx%d grey image, warm-up %.1f s, >= %.1f s per case,"
          + " Java %s, %d cores%n", size, size, warmup, seconds, Runtime.version(),
          Runtime.getRuntime().availableProcessors());
      for (String id : ids) {
        CipherPlugin provider = installed.provider(id);
        boolean imageScheme = installed.isImageScheme(id);
        for (String variant : imageScheme ? imageVariants() : List.of("")) {
          KeyMaterial key;
          try {
            key = provider.generateKey(options(variant), new SecureRandom());
          } catch (IllegalArgumentException e) {
            notes.add(id + " [" + label(variant) + "] skipped: " + e.getMessage());
            System.err.println("skipped " + id + " [" + label(variant) + "]: " + e.getMessage());
            continue;
          }
          System.err.println("measuring " + id + " [" + label(variant) + "] ...");
          try {
            if (imageScheme) {
              benchImage(harness, id, label(variant), provider.newImageCipher(key), image, results);
            } else {
              benchBytes(harness, id, label(variant), provider.newAead(key), image.samples(), results);
            }
          } catch (Exception e) {
            notes.add(id + " [" + label(variant) + "] failed: " + e.getMessage());
            System.err.println("failed " + id + " [" + label(variant) + "]: " + e);
          }
        }
      }
      if (schemes.isEmpty()) {
        System.err.println("measuring " + JDK_BASELINE + " [reference] ...");
        benchBytes(harness, JDK_BASELINE, "reference, not a plugin", new JdkAesGcm(), image.samples(), results);
      }
    }
    BenchReport.printTable(results, System.out);
    notes.forEach(n -> System.out.println("note: " + n));
    if (json != null) {
      writeJson(BenchReport.toJson(size, warmup, seconds, results, notes));
    }
    return 0;
  }

  private List<String> imageVariants() {
    return variants.isEmpty() ? DEFAULT_VARIANTS : variants;
  }

  private static String label(String variant) {
    return variant.isBlank() ? "default" : variant;
  }

  /** Parses {@code k=v,k=v}. */
  static PluginOptions options(String variant) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String part : variant.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new BadInputException("--variant '" + variant + "': expected KEY=VALUE pairs separated by commas");
      }
      map.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
    }
    return PluginOptions.of(map);
  }

  private static void benchImage(Harness harness, String id, String variant, ImageCipher cipher, RasterImage image,
      List<BenchResult> results) throws Exception {
    long bytes = (long) image.width() * image.height() * image.channels();
    EncryptedImage encrypted = cipher.encrypt(image);
    results.add(new BenchResult(id, variant, "encrypt", harness.time(() -> cipher.encrypt(image), bytes)));
    results.add(new BenchResult(id, variant, "decrypt", harness.time(() -> cipher.decrypt(encrypted), bytes)));
  }

  private static void benchBytes(Harness harness, String id, String variant, Aead cipher, byte[] plain,
      List<BenchResult> results) throws Exception {
    byte[] ciphertext = cipher.encrypt(plain, null);
    results.add(new BenchResult(id, variant, "encrypt", harness.time(() -> cipher.encrypt(plain, null), plain.length)));
    results.add(new BenchResult(id, variant, "decrypt", harness.time(() -> cipher.decrypt(ciphertext, null), plain.length)));
  }

  private void writeJson(String text) {
    try {
      Path parent = json.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(json, text);
    } catch (IOException e) {
      throw new BadInputException(json + ": cannot write JSON (" + e + ")", e);
    }
    System.out.println("wrote " + json);
  }
}
