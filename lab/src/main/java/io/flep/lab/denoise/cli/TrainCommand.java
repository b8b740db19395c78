package io.flep.lab.denoise.cli;

import io.flep.encryption.dncnn.DnCnnModel;
import io.flep.lab.denoise.training.Checkpoint;
import io.flep.lab.denoise.training.DnCnnTrainer;
import io.flep.lab.denoise.training.GreyPlane;
import io.flep.lab.denoise.training.LossLog;
import io.flep.lab.denoise.training.PatchSampler;
import io.flep.lab.denoise.training.PhotoFolder;
import io.flep.lab.denoise.training.PhotoSplit;
import io.flep.lab.denoise.training.TrainingRun;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flep denoiser train --sigma S --images DIR --out MODEL}: residual DnCNN training with Adam on random
 * patches of the folder's training-split images ({@link PhotoSplit}), validation PSNR on the validation-split
 * images (centre crops). Next to {@code MODEL} it keeps {@code MODEL.loss.csv} ({@link LossLog}) and
 * {@code MODEL.ckpt} ({@link Checkpoint}); {@code --resume} continues a run exactly (same flags), up to
 * {@code --steps} in total.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Trains a DnCNN for one noise level on random patches (flips/rotations, seeded) of the"
        + " training-split images of a folder; writes the model, a loss log (MODEL.loss.csv) and checkpoints"
        + " (MODEL.ckpt) that --resume continues exactly.")
public final class TrainCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--sigma", required = true, paramLabel = "S", description = "Noise std on the 0..255 scale.")
  double sigma;

  @Option(names = "--images", required = true, paramLabel = "DIR",
      description = "Folder of images; only the training split is sampled.")
  Path images;

  @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model file to write.")
  Path out;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "50000",
      description = "Total training steps, including resumed ones (default: ${DEFAULT-VALUE}).")
  long steps;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "16",
      description = "Patches per step (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--patch", paramLabel = "N", defaultValue = "" + PatchSampler.DEFAULT_PATCH,
      description = "Patch side (default: ${DEFAULT-VALUE}).")
  int patch;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of weights, patches and noise (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "200",
      description = "Steps between checkpoints and weight files (default: ${DEFAULT-VALUE}).")
  int checkpointEvery;

  @Option(names = "--validate-every", paramLabel = "N", defaultValue = "1000",
      description = "Steps between validation PSNR measurements (default: ${DEFAULT-VALUE}).")
  int validateEvery;

  @Option(names = "--val-crop", paramLabel = "N", defaultValue = "256",
      description = "Side of the centre crop of each validation image (default: ${DEFAULT-VALUE}).")
  int valCrop;

  @Option(names = "--max-minutes", paramLabel = "M", defaultValue = "0",
      description = "Stop cleanly (checkpoint + weights) after M minutes of this session; 0 = no limit.")
  double maxMinutes;

  @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue from this checkpoint.")
  Path resume;

  @Option(names = "--init", paramLabel = "MODEL",
      description = "Start from this model file's weights (any sigma; fresh optimiser), e.g. to fine-tune the"
          + " sigma-25 model to another noise level. Not with --resume.")
  Path init;

  @Option(names = "--lr", paramLabel = "RATE", defaultValue = "" + DnCnnTrainer.DEFAULT_LEARNING_RATE,
      description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--lr-drop-at", paramLabel = "STEP", defaultValue = "-1",
      description = "Step from which the learning rate is a tenth; -1 (default) = 80% of --steps, 0 = never.")
  long lrDropAt;

  @Option(names = "--downsample", paramLabel = "K", split = ",", defaultValue = "1,2",
      description = "Also train on each image area-downsampled by these integer factors (default: ${DEFAULT-VALUE};"
          + " the shared photos are about twice the scale of the 256x256 test images).")
  List<Integer> downsample;

  @Override
  public Integer call() throws Exception {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new ParameterException(spec.commandLine(), "--sigma must be a finite number > 0, got " + sigma);
    }
    if (steps < 1 || batch < 1 || patch < 1 || checkpointEvery < 0 || validateEvery < 0 || valCrop < 1) {
      throw new ParameterException(spec.commandLine(),
          "--steps, --batch, --patch and --val-crop must be positive, --checkpoint-every and --validate-every >= 0");
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate) || lrDropAt < -1
        || downsample.stream().anyMatch(k -> k < 1)) {
      throw new ParameterException(spec.commandLine(),
          "--lr must be a finite number > 0, --lr-drop-at >= -1, --downsample factors >= 1");
    }
    if (init != null && resume != null) {
      throw new ParameterException(spec.commandLine(), "--init and --resume exclude each other: a checkpoint"
          + " already holds the weights");
    }
    Checkpoint checkpoint = resume == null ? null : Checkpoint.read(resume);
    float[] initial = init == null ? null : ModelDenoisers.readAnySigma(init);
    List<GreyPlane> originals = PhotoFolder.load(images, EnumSet.of(PhotoSplit.Part.TRAIN));
    if (originals.isEmpty()) {
      throw new IllegalArgumentException(images + ": no training-split images in the folder");
    }
    List<GreyPlane> train = originals.stream()
        .flatMap(p -> downsample.stream().distinct()
            .filter(k -> p.width() / k >= patch && p.height() / k >= patch).map(p::downsample))
        .toList();
    List<GreyPlane> validation = PhotoFolder.load(images, EnumSet.of(PhotoSplit.Part.VALIDATION)).stream()
        .map(p -> p.centreCrop(valCrop)).toList();
    PatchSampler sampler = new PatchSampler(train, patch, sigma);
    long dropAt = lrDropAt == -1 ? steps * 4 / 5 : lrDropAt;
    DnCnnTrainer trainer = new DnCnnTrainer(ModelDenoisers.newNetwork(seed), sampler, batch, seed,
        DnCnnTrainer.stepDecay(learningRate, dropAt, 0.1));
    if (initial != null) {
      DnCnnModel.wrap(trainer.network()).setParams(initial);
    }
    if (checkpoint != null) {
      try {
        trainer.restore(checkpoint);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(resume + ": " + e.getMessage(), e);
      }
    }
    Path base = out.toAbsolutePath();
    Path ckpt = base.resolveSibling(base.getFileName() + ".ckpt");
    LossLog log = LossLog.open(base.resolveSibling(base.getFileName() + ".loss.csv"), trainer.step());
    System.err.println(String.format(Locale.ROOT,
        "training sigma %s on %d images (%d with downsampled copies; %d validation), %dx%d patches, batch %d,"
            + " seed %d, lr %s (x0.1 from step %d), step %d -> %d%s",
        sigma, originals.size(), sampler.images().size(), validation.size(), patch, patch, batch, seed,
        learningRate, dropAt, trainer.step(), steps, init == null ? "" : ", starting from " + init));
    TrainingRun.Result r = TrainingRun.run(trainer, validation,
        new TrainingRun.Options(steps, checkpointEvery, validateEvery, maxMinutes, base, ckpt, log),
        (network, file) -> ModelDenoisers.write(network, sigma, file), System.err);
    System.out.println(String.format(Locale.ROOT, "%s at step %d/%d: loss %.6f, validation PSNR %s -> %s"
        + " (checkpoint %s, log %s)", r.complete() ? "trained" : "stopped", r.step(), steps, r.lastLoss(),
        Double.isNaN(r.validationPsnr()) ? "n/a" : String.format(Locale.ROOT, "%.2f dB", r.validationPsnr()),
        base, ckpt, log.file()));
    return 0;
  }
}
