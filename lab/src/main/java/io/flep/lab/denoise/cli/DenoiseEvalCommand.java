package io.flep.lab.denoise.cli;

import io.flep.encryption.dncnn.DnCnnProvider;
import io.flep.encryption.png.ImageCodec;
import io.flep.lab.cipher.metrics.Fidelity;
import io.flep.lab.denoise.training.GreyPlane;
import io.flep.lab.denoise.training.PatchSampler;
import io.flep.lab.denoise.training.PhotoFolder;
import io.flep.lab.denoise.training.PhotoSplit;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.denoise.Denoiser;
import io.flep.plugin.host.PluginRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flep denoiser eval --sigma S --images DIR --out DIR --json FILE (--model MODEL | --denoiser ID)}: adds
 * seeded white Gaussian noise of σ to the grey version of every image (BT.601 luma for colour), denoises it and
 * writes {@code <name>.noisy.png} and {@code <name>.denoised.png} (8-bit, rounded and clipped) plus a JSON
 * report ({@link DenoiseEvalJson}). The denoiser gets the unclipped float noisy plane; {@code psnrNoisy} is
 * measured on the written 8-bit noisy image. Noise of an image depends only on the seed and the image name.
 * {@code ms} is one timed denoise call, after an untimed warm-up on a small crop of the first image.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Adds seeded Gaussian noise to every image of a folder (grey), denoises it with a trained"
        + " DnCNN model or a denoiser plugin, writes <name>.noisy.png / <name>.denoised.png and a JSON report"
        + " (psnrNoisy, psnrDenoised, ssimDenoised, ms per image and their means).")
public final class DenoiseEvalCommand implements Callable<Integer> {

  /** Default noise seed. */
  public static final long DEFAULT_SEED = 7L;

  @Spec
  CommandSpec spec;

  @Option(names = "--sigma", required = true, paramLabel = "S", description = "Noise std on the 0..255 scale.")
  double sigma;

  @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of images.")
  Path images;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the noisy/denoised PNGs.")
  Path out;

  @Option(names = "--json", required = true, paramLabel = "FILE", description = "JSON report to write.")
  Path json;

  @Option(names = "--model", paramLabel = "MODEL", description = "A DnCNN model file (from 'flep denoiser train').")
  Path model;

  @Option(names = "--denoiser", paramLabel = "ID", description = "A denoiser plugin instead, e.g. wiener (default: dncnn with its built-in models).")
  String denoiser;

  @Option(names = "--option", paramLabel = "KEY=VALUE", description = "Plugin option, repeatable: of --denoiser, or of dncnn with --model (e.g. ensemble=8).")
  Map<String, String> options = new LinkedHashMap<>();

  @Option(names = "--split", paramLabel = "PART", defaultValue = "all",
      description = "Only images of this part of the data split: all, train, validation or test"
          + " (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "" + DEFAULT_SEED,
      description = "Noise seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--plugins-dir", paramLabel = "DIR", defaultValue = "plugins",
      description = "Folder of drop-in plugin JARs (default: ${DEFAULT-VALUE}).")
  Path pluginsDir;

  @Override
  public Integer call() throws Exception {
    if (model != null && denoiser != null) {
      throw new ParameterException(spec.commandLine(), "give one of --model MODEL or --denoiser ID, not both");
    }
    if (model == null && denoiser == null) {
      denoiser = DnCnnProvider.ID;
    }
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new ParameterException(spec.commandLine(), "--sigma must be a finite number >= 0, got " + sigma);
    }
    Set<PhotoSplit.Part> parts = parts();
    List<GreyPlane> planes = PhotoFolder.load(images, parts);
    if (planes.isEmpty()) {
      throw new IllegalArgumentException(images + ": no images of the '" + split + "' split in the folder");
    }
    if (model != null) {
      if (options.isEmpty()) {
        return evaluate(ModelDenoisers.load(model, sigma), "dncnn", planes);
      }
      if (options.containsKey("model")) {
        throw new ParameterException(spec.commandLine(), "give the model file once: --model MODEL or"
            + " --option model=FILE");
      }
      Map<String, String> withModel = new LinkedHashMap<>(options);
      withModel.put("model", model.toString());
      return evaluate(new DnCnnProvider().newDenoiser(PluginOptions.of(withModel)), "dncnn", planes);
    }
    try (PluginRegistry registry = PluginRegistry.load(pluginsDir, DenoiseEvalCommand.class.getClassLoader())) {
      return evaluate(registry.denoiser(denoiser).newDenoiser(PluginOptions.of(options)), denoiser, planes);
    }
  }

  private int evaluate(Denoiser d, String id, List<GreyPlane> planes) throws Exception {
    Files.createDirectories(out);
    PrintStream err = System.err;
    warmUp(d, planes.get(0));
    List<DenoiseEvalJson.Row> rows = new ArrayList<>();
    for (int i = 0; i < planes.size(); i++) {
      GreyPlane clean = planes.get(i);
      DenoiseEvalJson.Row r = evaluateOne(d, clean);
      rows.add(r);
      err.println(String.format(Locale.ROOT, "[%d/%d] %s: noisy %.2f dB -> denoised %.2f dB, SSIM %s, %.0f ms",
          i + 1, planes.size(), clean.name(), r.psnrNoisy(), r.psnrDenoised(),
          Double.isFinite(r.ssimDenoised()) ? String.format(Locale.ROOT, "%.4f", r.ssimDenoised()) : "n/a",
          r.ms()));
    }
    Path parent = json.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    String modelName = model == null ? null : model.toString();
    Files.writeString(json, DenoiseEvalJson.toJson(
        new DenoiseEvalJson.Settings(id, modelName, options, sigma, seed, split.toLowerCase(Locale.ROOT)), rows));
    System.out.println(String.format(Locale.ROOT, "evaluated %d images with %s at sigma %s: mean PSNR %.2f dB"
        + " (noisy %.2f dB) -> %s", rows.size(), id, sigma, DenoiseEvalJson.mean(rows, DenoiseEvalJson.Row::psnrDenoised),
        DenoiseEvalJson.mean(rows, DenoiseEvalJson.Row::psnrNoisy), json));
    return 0;
  }

  private DenoiseEvalJson.Row evaluateOne(Denoiser d, GreyPlane clean) throws Exception {
    float[] noisy = noisy(clean, sigma, seed);
    GreyPlane noisy8 = GreyPlane.ofFloats(clean.name(), clean.width(), clean.height(), noisy);
    long t0 = System.nanoTime();
    float[] denoised = d.denoise(noisy, clean.width(), clean.height(), sigma);
    double ms = (System.nanoTime() - t0) / 1e6;
    GreyPlane den8 = GreyPlane.ofFloats(clean.name(), clean.width(), clean.height(), denoised);
    Files.write(out.resolve(clean.name() + ".noisy.png"), ImageCodec.toPng(noisy8.toRaster()));
    Files.write(out.resolve(clean.name() + ".denoised.png"), ImageCodec.toPng(den8.toRaster()));
    boolean ssimFits = clean.width() >= Fidelity.WINDOW && clean.height() >= Fidelity.WINDOW;
    return new DenoiseEvalJson.Row(clean.name(), clean.width(), clean.height(),
        Fidelity.psnr(clean.toRaster(), noisy8.toRaster()), Fidelity.psnr(clean.toRaster(), den8.toRaster()),
        ssimFits ? Fidelity.ssim(clean.toRaster(), den8.toRaster()) : Double.NaN, ms);
  }

  /** {@code clean + N(0, σ²)} per sample, unclipped; the noise depends only on seed and image name. */
  static float[] noisy(GreyPlane clean, double sigma, long seed) {
    Random random = PatchSampler.stepRandom(seed, clean.name().hashCode());
    float[] f = clean.toFloats();
    for (int i = 0; i < f.length; i++) {
      f[i] += (float) (random.nextGaussian() * sigma);
    }
    return f;
  }

  private void warmUp(Denoiser d, GreyPlane first) {
    GreyPlane crop = first.centreCrop(48);
    d.denoise(crop.toFloats(), crop.width(), crop.height(), sigma);
  }

  private Set<PhotoSplit.Part> parts() {
    if (split.equalsIgnoreCase("all")) {
      return EnumSet.allOf(PhotoSplit.Part.class);
    }
    try {
      return EnumSet.of(PhotoSplit.Part.parse(split));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(),
          "--split must be all, train, validation or test, got '" + split + "'");
    }
  }
}
