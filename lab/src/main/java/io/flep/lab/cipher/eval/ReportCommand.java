package io.flep.lab.cipher.eval;

import io.flep.encryption.png.EncryptedImageCodec;
import io.flep.encryption.png.ImageCodec;
import io.flep.lab.cipher.cli.CipherPlugin;
import io.flep.lab.cipher.metrics.Entropy;
import io.flep.lab.cipher.metrics.Histogram;
import io.flep.lab.cipher.metrics.HistogramChart;
import io.flep.lab.cipher.metrics.Spectrum;
import io.flep.plugin.api.image.RasterImage;
import io.flep.plugin.host.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code flep cipher report}: regenerates {@code docs/paper-reproduction.md} and its histogram figures. Evaluates,
 * on every image of the dataset, the faithful scheme in the paper's decryption order, in the reordered pipeline
 * and with the noise layer off, and the hardened scheme ({@link EvalRun}; cipher PNGs and one JSON per mode under
 * {@code --work}), simulates the local-entropy reference of random images, and renders {@link PaperReport}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Reproduces the paper's Tables I and II for the faithful and hardened three-layer cipher and writes"
        + " docs/paper-reproduction.md with histogram figures under docs/figures/.")
public final class ReportCommand implements Callable<Integer> {
  static final String COMMAND = "./flep cipher report --images ../shared/datasets/standard-256 --out docs";

  @Option(names = "--images", paramLabel = "DIR", defaultValue = "../shared/datasets/standard-256",
      description = "Folder of grey PNGs (default: ${DEFAULT-VALUE}).")
  Path images;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs",
      description = "Folder for paper-reproduction.md and figures/ (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--work", paramLabel = "DIR", defaultValue = "lab/target/paper-reproduction",
      description = "Folder for cipher/decrypted PNGs and per-mode JSON (default: ${DEFAULT-VALUE}).")
  Path work;

  @Option(names = "--faithful", paramLabel = "ID", defaultValue = "flep-3layer",
      description = "Faithful scheme id (default: ${DEFAULT-VALUE}).")
  String faithful;

  @Option(names = "--hardened", paramLabel = "ID", defaultValue = "flep-3layer-hardened",
      description = "Hardened scheme id (default: ${DEFAULT-VALUE}).")
  String hardened;

  @Option(names = "--table1", paramLabel = "NAMES", split = ",", defaultValue = "baboon,building,fruits",
      description = "Images of Table I, the paper's Baboon first (default: ${DEFAULT-VALUE}).")
  List<String> table1;

  @Option(names = "--random-images", paramLabel = "N", defaultValue = "200",
      description = "Random images for the local-entropy reference (default: ${DEFAULT-VALUE}).")
  int randomImages;

  @Option(names = "--survey-keys", paramLabel = "N", defaultValue = "100",
      description = "Keys for the faithful key-sensitivity survey (default: ${DEFAULT-VALUE}).")
  int surveyKeys;

  @Option(names = "--plugins-dir", paramLabel = "DIR", defaultValue = "plugins",
      description = "Folder of drop-in plugin JARs (default: ${DEFAULT-VALUE}).")
  Path pluginsDir;

  /** Runs the report outside {@code flep} (e.g. from the test classpath). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ReportCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<Object[]> modes = List.of(
        new Object[] {"faithful (paper order)", faithful, Map.of("decryptOrder", "paper")},
        new Object[] {"faithful (reordered)", faithful, Map.of("decryptOrder", "reordered")},
        new Object[] {"faithful, noise off", faithful, Map.of("noise", "false")},
        new Object[] {"hardened", hardened, Map.<String, String>of()});
    List<PaperReport.Run> runs = new ArrayList<>();
    try (PluginRegistry registry = PluginRegistry.load(pluginsDir, ReportCommand.class.getClassLoader())) {
      for (Object[] m : modes) {
        String label = (String) m[0];
        String scheme = (String) m[1];
        @SuppressWarnings("unchecked")
        Map<String, String> options = new LinkedHashMap<>((Map<String, String>) m[2]);
        CipherPlugin provider = CipherPlugin.of(registry, scheme);
        Path dir = work.resolve(slug(label));
        EvalRun.Result r = EvalRun.run(scheme, provider, options, images, dir, KeyFlip.DEFAULT_START_BIT,
            Evaluator.DEFAULT_NONCE_BYTES, 3, Entropy.DEFAULT_SEED, System.err);
        Files.writeString(work.resolve(slug(label) + ".json"), EvalJson.toJson(r.settings(), r.images()));
        runs.add(spectral(label, scheme, r, dir));
      }
    }
    List<String[]> figures = figures(runs);
    PaperReport.KeySurvey survey;
    try (PluginRegistry registry = PluginRegistry.load(pluginsDir, ReportCommand.class.getClassLoader())) {
      survey = keySurvey(faithful, CipherPlugin.of(registry, faithful), surveyKeys);
    }
    String md = PaperReport.markdown(runs, table1, images.toString(), COMMAND, randomReference(randomImages),
        survey, figures);
    Files.createDirectories(out);
    Files.writeString(out.resolve("paper-reproduction.md"), md);
    System.out.println("wrote " + out.resolve("paper-reproduction.md") + " (" + runs.size() + " modes, "
        + runs.get(0).result().images().size() + " images; cipher PNGs and JSON under " + work + ")");
    return 0;
  }

  /** Adds the spectral checks of the run's cipher images (read back from {@code dir}). */
  private static PaperReport.Run spectral(String label, String scheme, EvalRun.Result r, Path dir)
      throws IOException, GeneralSecurityException {
    int n = r.images().size();
    double[] flat = new double[n];
    double[] auto = new double[n];
    for (int i = 0; i < n; i++) {
      Path f = dir.resolve(r.images().get(i).name() + ".cipher.png");
      RasterImage cipher = EncryptedImageCodec.fromPng(Files.readAllBytes(f), f.toString()).cipherImage();
      Spectrum.Result s = Spectrum.of(cipher, 0);
      flat[i] = s.flatness();
      auto[i] = s.maxAutocorrelation();
    }
    return new PaperReport.Run(label, scheme, r, Summary.of(flat), Summary.of(auto));
  }

  /** Histograms (and the images) of the first Table I image: plaintext, and the cipher of every mode. */
  private List<String[]> figures(List<PaperReport.Run> runs) throws IOException, GeneralSecurityException {
    List<String[]> figures = new ArrayList<>();
    String name = table1.get(0);
    Path plainFile = images.resolve(name + ".png");
    if (!Files.isRegularFile(plainFile)) {
      return figures;
    }
    Path dir = out.resolve("figures");
    Files.createDirectories(dir);
    RasterImage plain = ImageCodec.readPng(Files.readAllBytes(plainFile), plainFile.toString());
    figures.add(chart(dir, name + "-plain", plain, name + ": plaintext"));
    for (PaperReport.Run r : runs) {
      Path cipherFile = work.resolve(slug(r.label())).resolve(name + ".cipher.png");
      RasterImage cipher = EncryptedImageCodec.fromPng(Files.readAllBytes(cipherFile), cipherFile.toString())
          .cipherImage();
      figures.add(chart(dir, name + "-" + slug(r.label()), cipher, name + ": cipher, " + r.label()));
    }
    return figures;
  }

  private static String[] chart(Path dir, String base, RasterImage image, String title) throws IOException {
    HistogramChart.write(Histogram.counts(image, 0), title, dir.resolve(base + "-hist.png"));
    Files.write(dir.resolve(base + ".png"), ImageCodec.toPng(image));
    return new String[] {"figures/" + base + "-hist.png", "Histogram — " + title + " (image: figures/" + base + ".png)"};
  }

  /**
   * Flips secret bit {@link KeyFlip#DEFAULT_START_BIT} of {@code n} fresh keys (noise off) and counts the keys whose
   * flipped variant encrypts the first Table I image (or a gradient) to the identical cipher image.
   */
  PaperReport.KeySurvey keySurvey(String scheme, CipherPlugin provider, int n)
      throws IOException, GeneralSecurityException {
    Path file = images.resolve(table1.get(0) + ".png");
    RasterImage plain = Files.isRegularFile(file)
        ? ImageCodec.readPng(Files.readAllBytes(file), file.toString())
        : RasterImage.gray(64, 64, new byte[64 * 64]);
    Map<String, String> options = Map.of("noise", "false");
    java.security.SecureRandom random = new java.security.SecureRandom();
    byte[] nonce = new byte[Evaluator.DEFAULT_NONCE_BYTES];
    int unchanged = 0;
    for (int i = 0; i < n; i++) {
      var key = provider.generateKey(io.flep.plugin.api.PluginOptions.of(options), random);
      var flipped = KeyFlip.flip(key, KeyFlip.DEFAULT_START_BIT);
      random.nextBytes(nonce);
      RasterImage a = encrypt(provider.newImageCipher(key), plain, nonce);
      RasterImage b = encrypt(provider.newImageCipher(flipped), plain, nonce);
      unchanged += Arrays.equals(a.samples(), b.samples()) ? 1 : 0;
    }
    return new PaperReport.KeySurvey(scheme, options.toString(), KeyFlip.DEFAULT_START_BIT, n, unchanged);
  }

  private static RasterImage encrypt(io.flep.plugin.api.image.ImageCipher c, RasterImage plain, byte[] nonce)
      throws GeneralSecurityException {
    try {
      return c.encryptWithNonce(plain, nonce, io.flep.plugin.api.image.InsecureNonceAccess.forEvaluationOnly())
          .cipherImage();
    } catch (UnsupportedOperationException e) {
      return c.encrypt(plain).cipherImage();
    }
  }

  /** Local entropy of {@code n} seeded random 256×256 images: mean, std and central 95 % range. */
  static PaperReport.RandomReference randomReference(int n) {
    SplittableRandom random = new SplittableRandom(Entropy.DEFAULT_SEED);
    double[] v = new double[n];
    byte[] s = new byte[256 * 256];
    for (int i = 0; i < n; i++) {
      random.nextBytes(s);
      v[i] = Entropy.local(RasterImage.gray(256, 256, s), Entropy.DEFAULT_SEED + i);
    }
    Summary sm = Summary.of(v);
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    return new PaperReport.RandomReference(n, sm.mean(), sm.std(), sorted[(int) Math.floor(0.025 * (n - 1))],
        sorted[(int) Math.ceil(0.975 * (n - 1))]);
  }

  static String slug(String label) {
    return label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }
}
