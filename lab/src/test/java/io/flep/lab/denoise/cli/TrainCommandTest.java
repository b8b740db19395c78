package io.flep.lab.denoise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.lab.LabCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flep denoiser train} with the real DnCNN on tiny runs (8x8 patches, batch 2), and its errors. */
class TrainCommandTest {

  static LabCli.Result train(Path dir, String... extra) {
    List<String> args = new ArrayList<>(List.of("denoiser", "train", "--sigma", "25",
        "--images", dir.resolve("in").toString(), "--out", dir.resolve("model/m.dncnn").toString()));
    args.addAll(List.of(extra));
    return LabCli.run(args.toArray(String[]::new));
  }

  static void writeTinySet(Path dir) throws Exception {
    DenoiseEvalCommandTest.writeImage(dir.resolve("in/one.png"), 24, 24, 1, 1);
    DenoiseEvalCommandTest.writeImage(dir.resolve("in/two.png"), 20, 28, 3, 2);
    DenoiseEvalCommandTest.writeImage(dir.resolve("in/aero1.png"), 20, 20, 1, 3); // validation
    DenoiseEvalCommandTest.writeImage(dir.resolve("in/baboon.png"), 8, 8, 1, 4); // test: never loaded
  }

  static LabCli.Result tinyRun(Path dir, String steps, String... extra) {
    List<String> args = new ArrayList<>(List.of("--steps", steps, "--batch", "2", "--patch", "8",
        "--checkpoint-every", "2", "--validate-every", "2", "--val-crop", "16",
        // explicit, so that a 2-step session and a 4-step one share one learning-rate schedule
        "--lr-drop-at", "3"));
    args.addAll(List.of(extra));
    return train(dir, args.toArray(String[]::new));
  }

  @Test
  void trainsWritesModelLogAndCheckpointAndResumesToTheSameCurve(@TempDir Path dir) throws Exception {
    writeTinySet(dir);
    LabCli.Result straight = tinyRun(dir, "4");
    assertThat(straight.exitCode()).as(straight.err()).isZero();
    assertThat(straight.err()).contains("on 2 images (4 with downsampled copies; 1 validation)", "step 4/4", "patches/s");
    assertThat(straight.out()).contains("trained at step 4/4");
    Path model = dir.resolve("model/m.dncnn");
    assertThat(io.flep.encryption.dncnn.DnCnnCodec.read(model, 25)).hasSize(
        (int) io.flep.encryption.dncnn.DnCnnModel.PARAMETER_COUNT);
    List<String> straightLog = Files.readAllLines(dir.resolve("model/m.dncnn.loss.csv"));
    assertThat(straightLog).hasSize(5);
    for (String row : straightLog.subList(1, 5)) {
      assertThat(Double.parseDouble(row.split(",")[1])).isFinite().isPositive();
    }

    Files.move(dir.resolve("model"), dir.resolve("straight"));
    assertThat(tinyRun(dir, "2").exitCode()).isZero();
    LabCli.Result resumed = tinyRun(dir, "4", "--resume", dir.resolve("model/m.dncnn.ckpt").toString());
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains("step 2 -> 4");
    assertThat(columns(dir.resolve("model/m.dncnn.loss.csv"))).containsExactlyElementsOf(columns(
        dir.resolve("straight/m.dncnn.loss.csv")));
    assertThat(Files.readAllBytes(model)).as("identical final weights")
        .containsExactly(Files.readAllBytes(dir.resolve("straight/m.dncnn")));

    LabCli.Result otherSigma = LabCli.run("denoiser", "train", "--sigma", "15", "--images",
        dir.resolve("in").toString(), "--out", dir.resolve("model/m.dncnn").toString(), "--steps", "4",
        "--batch", "2", "--patch", "8", "--resume", dir.resolve("model/m.dncnn.ckpt").toString());
    assertThat(otherSigma.exitCode()).isEqualTo(1);
    assertThat(otherSigma.errLines()).containsExactly("flep: " + dir.resolve("model/m.dncnn.ckpt")
        + ": the checkpoint was made with sigma 25, this run uses 15");
  }

  /** step, loss and validation PSNR of a loss log (not the timings). */
  static List<String> columns(Path csv) throws Exception {
    return Files.readAllLines(csv).stream().map(l -> String.join(",", List.of(l.split(",", -1)).subList(0, 3)))
        .toList();
  }

  @Test
  void trainerAndModelAgreeOnTheNetworkScale() {
    assertThat(io.flep.lab.denoise.training.DnCnnTrainer.SCALE)
        .isEqualTo(io.flep.encryption.dncnn.DnCnnModel.SCALE);
  }

  @Test
  void badNumbersAreUsageErrors(@TempDir Path dir) {
    assertThat(train(dir, "--sigma", "0").exitCode()).isEqualTo(2);
    assertThat(train(dir, "--batch", "0").exitCode()).isEqualTo(2);
    assertThat(train(dir, "--steps", "-3").err()).contains("--steps");
  }

  @Test
  void missingFolderAndCorruptCheckpointAreOneLine(@TempDir Path dir) throws Exception {
    LabCli.Result missing = train(dir);
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.errLines()).containsExactly("flep: " + dir.resolve("in") + ": not a folder of images");

    DenoiseEvalCommandTest.writeImage(dir.resolve("in/a.png"), 48, 48, 1, 1);
    Files.writeString(dir.resolve("bad.ckpt"), "FLEPDNCK and then garbage");
    LabCli.Result corrupt = train(dir, "--resume", dir.resolve("bad.ckpt").toString());
    assertThat(corrupt.exitCode()).isEqualTo(1);
    assertThat(corrupt.errLines()).hasSize(1);
    assertThat(corrupt.err()).contains("bad.ckpt: corrupt checkpoint");
  }

  @Test
  void initStartsAnotherSigmaFromAModelsWeights(@TempDir Path dir) throws Exception {
    writeTinySet(dir);
    assertThat(tinyRun(dir, "2").exitCode()).isZero();
    Path base = dir.resolve("base.dncnn");
    Files.move(dir.resolve("model/m.dncnn"), base);
    float[] baseWeights = io.flep.encryption.dncnn.DnCnnCodec.read(base, 25);

    LabCli.Result zeroSteps = LabCli.run("denoiser", "train", "--sigma", "35", "--images",
        dir.resolve("in").toString(), "--out", dir.resolve("tuned/t.dncnn").toString(), "--steps", "1",
        "--batch", "2", "--patch", "8", "--lr", "1e-30", "--init", base.toString());
    assertThat(zeroSteps.exitCode()).as(zeroSteps.err()).isZero();
    assertThat(zeroSteps.err()).contains("starting from " + base);
    float[] tuned = io.flep.encryption.dncnn.DnCnnCodec.read(dir.resolve("tuned/t.dncnn"), 35);
    // a 1e-30 learning rate leaves the convolutions as they were; only batch-norm running statistics move
    assertThat(tuned[100]).isEqualTo(baseWeights[100]);

    LabCli.Result both = tinyRun(dir, "4", "--init", base.toString(), "--resume", base.toString());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("--init and --resume exclude each other");
    LabCli.Result missing = tinyRun(dir, "4", "--init", dir.resolve("nope.dncnn").toString());
    assertThat(missing.errLines()).containsExactly("flep: " + dir.resolve("nope.dncnn") + ": no such model file");
  }
}
