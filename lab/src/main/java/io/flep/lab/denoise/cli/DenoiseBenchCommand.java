package io.flep.lab.denoise.cli;

import io.flep.encryption.dncnn.DnCnnProvider;
import io.flep.lab.denoise.training.DnCnnTrainer;
import io.flep.lab.denoise.training.GreyPlane;
import io.flep.lab.denoise.training.PatchSampler;
import io.flep.lab.report.Json;
import io.flep.lab.report.Json.Formatted;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.denoise.Denoiser;
import io.flep.workers.learning.LearningRuntime;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flep denoiser bench}: DnCNN inference time per {@code size}² plane (the shipped models, or
 * {@code --model}) and training throughput (patches/s of the training path) on this machine. Numbers depend on
 * the machine and its load, so tests never assert them; docs/dncnn-fast-path.md lists measured ones.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Times DnCNN inference per image and training throughput (patches/s) on this machine.")
public final class DenoiseBenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--size", paramLabel = "PIXELS", defaultValue = "256",
      description = "Side of the square test plane (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--repeats", paramLabel = "N", defaultValue = "5",
      description = "Timed inference passes after one warm-up (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--sigma", paramLabel = "S", defaultValue = "25",
      description = "Noise level, choosing the model (default: ${DEFAULT-VALUE}).")
  double sigma;

  @Option(names = "--model", paramLabel = "MODEL", description = "A model file instead of the built-in models.")
  Path model;

  @Option(names = "--train-steps", paramLabel = "N", defaultValue = "6",
      description = "Training steps to time after one warm-up step; 0 skips training (default: ${DEFAULT-VALUE}).")
  int trainSteps;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
      description = "Patches per training step (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--patch", paramLabel = "N", defaultValue = "" + PatchSampler.DEFAULT_PATCH,
      description = "Training patch side (default: ${DEFAULT-VALUE}).")
  int patch;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path json;

  /** The {@code --json} document; components in key order (ms with one decimal, patches/s with two). */
  record Report(int size, double sigma, int threads, Formatted inferenceMedianMs, Formatted inferenceMinMs,
      int repeats, int trainPatch, int trainBatch, int trainSteps, Formatted trainPatchesPerSecond) {}

  @Override
  public Integer call() throws Exception {
    if (size < 1 || repeats < 1 || trainSteps < 0 || batch < 1 || patch < 1 || !(sigma > 0)) {
      throw new ParameterException(spec.commandLine(),
          "--size, --repeats, --batch, --patch and --sigma must be positive, --train-steps >= 0");
    }
    Denoiser denoiser = new DnCnnProvider().newDenoiser(model == null ? PluginOptions.empty()
        : PluginOptions.of(Map.of("model", model.toString())));
    float[] plane = randomPlane(size, size, 1);
    denoiser.denoise(plane, size, size, sigma);
    double[] ms = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      denoiser.denoise(plane, size, size, sigma);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    int threads = LearningRuntime.nativeThreads();
    System.out.println(String.format(Locale.ROOT, "inference %dx%d: median %.0f ms, min %.0f ms (%d passes,"
        + " %d native threads)", size, size, median(ms), ms[0], repeats, threads));
    double patchesPerSecond = Double.NaN;
    if (trainSteps > 0) {
      patchesPerSecond = trainingThroughput();
      System.out.println(String.format(Locale.ROOT, "training %dx%d patches, batch %d: %.1f patches/s (%d steps,"
          + " %d native threads)", patch, patch, batch, patchesPerSecond, trainSteps, threads));
    }
    if (json != null) {
      Json.write(json, new Report(size, sigma, threads, Json.fixed(median(ms), 1), Json.fixed(ms[0], 1), repeats,
          patch, batch, trainSteps, Json.fixed(patchesPerSecond, 2)));
    }
    return 0;
  }

  private double trainingThroughput() {
    int side = Math.max(patch * 2, 128);
    List<GreyPlane> images = List.of(GreyPlane.ofFloats("bench", side, side, randomPlane(side, side, 2)));
    DnCnnTrainer trainer = new DnCnnTrainer(ModelDenoisers.newNetwork(1), new PatchSampler(images, patch, sigma),
        batch, 1);
    trainer.trainStep();
    long t0 = System.nanoTime();
    for (int i = 0; i < trainSteps; i++) {
      trainer.trainStep();
    }
    return (double) trainSteps * batch / ((System.nanoTime() - t0) / 1e9);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static float[] randomPlane(int w, int h, long seed) {
    Random r = new Random(seed);
    float[] p = new float[w * h];
    for (int i = 0; i < p.length; i++) {
      p[i] = 128 + (float) (r.nextGaussian() * 40);
    }
    return p;
  }
}
