package io.flep.lab.denoise.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

  private final List<Long> weightWrites = new ArrayList<>();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private TrainingRun.Result run(DnCnnTrainer t, Path dir, long steps, double maxMinutes, long keep)
      throws Exception {
    TrainingRun.Options o = new TrainingRun.Options(steps, 2, 2, maxMinutes, dir.resolve("m.dncnn"),
        dir.resolve("m.ckpt"), LossLog.open(dir.resolve("m.loss.csv"), keep));
    return TrainingRun.run(t, DnCnnTrainerTest.IMAGES.subList(0, 1), o, (net, out) -> weightWrites.add(t.step()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void writesLogCheckpointsWeightsAndProgress(@TempDir Path dir) throws Exception {
    DnCnnTrainer t = DnCnnTrainerTest.trainer(1, 25);
    TrainingRun.Result r = run(t, dir, 3, 0, 0);
    assertThat(r.complete()).isTrue();
    assertThat(r.step()).isEqualTo(3);
    assertThat(r.validationPsnr()).isFinite();
    List<String> log = Files.readAllLines(dir.resolve("m.loss.csv"));
    assertThat(log).hasSize(4);
    assertThat(log.get(1).split(",", -1)[2]).as("no validation at step 1").isEmpty();
    assertThat(log.get(2).split(",", -1)[2]).as("validation at step 2").isNotEmpty();
    assertThat(log.get(3).split(",", -1)[2]).as("and at the end").isNotEmpty();
    assertThat(weightWrites).containsExactly(2L, 3L);
    assertThat(Checkpoint.read(dir.resolve("m.ckpt")).step()).isEqualTo(3);
    String progress = err.toString(StandardCharsets.UTF_8);
    assertThat(progress).contains("step 3/3", "patches/s", "steps/s", "loss ", "val ");
  }

  @Test
  void aTimeLimitStopsWithACheckpointAndTheResumedCurveMatchesAStraightRun(@TempDir Path dir)
      throws Exception {
    run(DnCnnTrainerTest.trainer(1, 25), dir.resolve("straight"), 3, 0, 0);

    Path split = dir.resolve("split");
    TrainingRun.Result stopped = run(DnCnnTrainerTest.trainer(1, 25), split, 3, 1e-9, 0);
    assertThat(stopped.complete()).isFalse();
    assertThat(stopped.step()).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("time limit reached after step 1",
        "--resume " + split.resolve("m.ckpt"));
    DnCnnTrainer resumed = DnCnnTrainerTest.trainer(5, 25);
    Checkpoint c = Checkpoint.read(split.resolve("m.ckpt"));
    resumed.restore(c);
    assertThat(run(resumed, split, 3, 0, c.step()).complete()).isTrue();

    assertThat(lossAndVal(split)).containsExactlyElementsOf(lossAndVal(dir.resolve("straight")));
  }

  @Test
  void progressLineAndDurations() {
    assertThat(TrainingRun.line(5, 20, 0.5, Double.NaN, 0.25, 16))
        .isEqualTo("[#####...............] step 5/20 loss 0.500000 | 0.250 steps/s, 4.0 patches/s | eta 1m00s");
    assertThat(TrainingRun.duration(7322)).isEqualTo("2h02m");
    assertThat(TrainingRun.duration(Double.NaN)).isEqualTo("?");
  }

  /** step, loss and validation columns (not the timings). */
  private static List<String> lossAndVal(Path dir) throws Exception {
    return Files.readAllLines(dir.resolve("m.loss.csv")).stream()
        .map(l -> String.join(",", List.of(l.split(",", -1)).subList(0, 3))).toList();
  }
}
