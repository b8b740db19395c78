package io.flep.lab.cipher.eval;

import io.flep.encryption.png.EncryptedImageCodec;
import io.flep.encryption.png.ImageCodec;
import io.flep.lab.cipher.cli.CipherPlugin;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.image.RasterImage;
import io.flep.plugin.api.key.KeyMaterial;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One evaluation run of a scheme over a folder of PNGs, shared by {@code flep cipher eval} and the
 * paper-reproduction report: generates a key with the options (or uses a given one), evaluates every {@code *.png} (sorted by name),
 * writes {@code <name>.cipher.png} and {@code <name>.cipher-1px.png} (cipher PNGs with header, decryptable by
 * {@code flep cipher decrypt}) and {@code <name>.decrypted.png} to the output folder, one progress line per image
 * on {@code progress}.
 */
public final class EvalRun {
  /** The run's settings (for the JSON) and per-image figures. */
  public record Result(EvalJson.Settings settings, List<ImageEvaluation> images) {}

  private EvalRun() {}

  /**
   * @throws IOException if the folder has no PNG or a file cannot be read or written (the message names it)
   * @throws GeneralSecurityException if the plugin rejects its own key or a cipher image
   */
  public static Result run(String scheme, CipherPlugin provider, Map<String, String> options, Path images,
      Path out, int keyBitStart, int nonceBytes, int repeats, long seed, PrintStream progress)
      throws IOException, GeneralSecurityException {
    return run(scheme, provider, options, null, images, out, keyBitStart, nonceBytes, repeats, seed, progress);
  }

  /** As above, but with {@code key} (when not null) instead of a key generated from {@code options}. */
  public static Result run(String scheme, CipherPlugin provider, Map<String, String> options, KeyMaterial key,
      Path images, Path out, int keyBitStart, int nonceBytes, int repeats, long seed, PrintStream progress)
      throws IOException, GeneralSecurityException {
    List<Path> files = pngs(images);
    SecureRandom random = new SecureRandom();
    if (key == null) {
      key = provider.generateKey(PluginOptions.of(options), random);
    }
    Evaluator evaluator = new Evaluator(provider, key, keyBitStart, nonceBytes, repeats, seed, random);
    Files.createDirectories(out);
    List<ImageEvaluation> results = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      String name = file.getFileName().toString().replaceFirst("(?i)\\.png$", "");
      RasterImage plain = ImageCodec.readPng(Files.readAllBytes(file), file.toString());
      Evaluator.Outcome o = evaluator.evaluate(name, plain);
      Files.write(out.resolve(name + ".cipher.png"), EncryptedImageCodec.toPng(o.cipher()));
      Files.write(out.resolve(name + ".cipher-1px.png"), EncryptedImageCodec.toPng(o.cipherOnePixel()));
      Files.write(out.resolve(name + ".decrypted.png"), ImageCodec.toPng(o.decrypted()));
      ImageEvaluation m = o.metrics();
      results.add(m);
      progress.println(String.format(Locale.ROOT,
          "[%d/%d] %s %s: NPCR diff %.4f %%, UACI diff %.4f %%, entropy %.4f, PSNR %s dB, enc %.2f ms, dec %.2f ms",
          i + 1, files.size(), scheme, name, m.npcrDifferential(), m.uaciDifferential(), m.entropy(),
          Double.isFinite(m.psnrDecrypted()) ? String.format(Locale.ROOT, "%.2f", m.psnrDecrypted()) : "inf",
          m.encryptMs(), m.decryptMs()));
    }
    EvalJson.Settings settings = new EvalJson.Settings(scheme, options, evaluator.fixedNonce(), nonceBytes,
        evaluator.flippedBit(), seed, repeats);
    return new Result(settings, results);
  }

  /** The {@code *.png} files of {@code dir}, sorted by name. */
  static List<Path> pngs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + ": not a folder of PNG images");
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
          .filter(Files::isRegularFile).sorted().toList();
      if (files.isEmpty()) {
        throw new IOException(dir + ": no *.png images in the folder");
      }
      return files;
    }
  }
}
