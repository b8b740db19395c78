package io.flep.lab.denoise.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The loop of {@code flep denoiser train}: steps a {@link DnCnnTrainer} up to a total step count, appending
 * every step's loss to the {@link LossLog}, printing a progress line on {@code progress} (at most every
 * {@value #PROGRESS_SECONDS} s), measuring validation PSNR every {@code validateEvery} steps, and writing a
 * {@link Checkpoint} plus the current weights every {@code checkpointEvery} steps and at the end. With a time
 * limit it stops cleanly after the first step past the limit (checkpoint and weights written), so a run can end
 * with a session and resume in the next.
 */
public final class TrainingRun {

  /** Seconds between progress lines. */
  public static final int PROGRESS_SECONDS = 10;
  /** Seed of the fixed validation noise. */
  public static final long VALIDATION_NOISE_SEED = 2017L;

  /** Writes the network's weights as a model file. */
  @FunctionalInterface
  public interface WeightWriter {
    void write(MultiLayerNetwork network, Path out) throws IOException;
  }

  /**
   * @param steps           total steps of the run (a resumed run continues up to this count)
   * @param checkpointEvery steps between checkpoints (0: only at the end)
   * @param validateEvery   steps between validation PSNR measurements (0: only at the end)
   * @param maxMinutes      stop after this many minutes of this session (0: no limit)
   */
  public record Options(long steps, int checkpointEvery, int validateEvery, double maxMinutes, Path model,
      Path checkpoint, LossLog log) {}

  /** How the session ended. */
  public record Result(long step, double lastLoss, double validationPsnr, boolean complete) {}

  private TrainingRun() {
  }

  public static Result run(DnCnnTrainer trainer, List<GreyPlane> validation, Options o, WeightWriter writer,
      PrintStream progress) throws IOException {
    long start = System.nanoTime();
    long lastPrint = start;
    long firstStep = trainer.step();
    double loss = Double.NaN;
    double val = Double.NaN;
    while (trainer.step() < o.steps()) {
      loss = trainer.trainStep();
      long step = trainer.step();
      double session = (System.nanoTime() - start) / 1e9;
      double stepsPerSecond = (step - firstStep) / Math.max(session, 1e-9);
      boolean last = step == o.steps();
      boolean timeUp = o.maxMinutes() > 0 && session >= o.maxMinutes() * 60;
      double stepVal = Double.NaN;
      if ((o.validateEvery() > 0 && step % o.validateEvery() == 0) || last) {
        stepVal = trainer.validationPsnr(validation, VALIDATION_NOISE_SEED);
        val = Double.isNaN(stepVal) ? val : stepVal;
      }
      o.log().append(step, loss, stepVal, trainer.elapsedSeconds(), stepsPerSecond * trainer.batch());
      long now = System.nanoTime();
      if (now - lastPrint >= PROGRESS_SECONDS * 1_000_000_000L || step == firstStep + 1 || last || timeUp
          || !Double.isNaN(stepVal)) {
        lastPrint = now;
        DnCnnTrainer.progress(progress, line(step, o.steps(), loss, stepVal, stepsPerSecond, trainer.batch()));
      }
      if ((o.checkpointEvery() > 0 && step % o.checkpointEvery() == 0) || last || timeUp) {
        save(trainer, o, writer);
        if (timeUp && !last) {
          DnCnnTrainer.progress(progress, "time limit reached after step " + step + "; resume with --resume "
              + o.checkpoint());
          return new Result(step, loss, val, false);
        }
      }
    }
    return new Result(trainer.step(), loss, val, trainer.step() >= o.steps());
  }

  private static void save(DnCnnTrainer trainer, Options o, WeightWriter writer) throws IOException {
    trainer.checkpoint().write(o.checkpoint());
    writer.write(trainer.network(), o.model());
  }

  /** One progress line: a 20-character bar, step, loss, throughput, ETA. */
  static String line(long step, long total, double loss, double val, double stepsPerSecond, int batch) {
    int filled = (int) (20 * step / Math.max(total, 1));
    String bar = "#".repeat(filled) + ".".repeat(20 - filled);
    double eta = stepsPerSecond > 0 ? (total - step) / stepsPerSecond : Double.NaN;
    return String.format(Locale.ROOT, "[%s] step %d/%d loss %.6f%s | %.3f steps/s, %.1f patches/s | eta %s",
        bar, step, total, loss, Double.isNaN(val) ? "" : String.format(Locale.ROOT, " val %.2f dB", val),
        stepsPerSecond, stepsPerSecond * batch, duration(eta));
  }

  static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
