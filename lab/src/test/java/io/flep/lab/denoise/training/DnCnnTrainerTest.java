package io.flep.lab.denoise.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny runs (8x8 patches, batch 2) on the {@link StandInNetwork}. */
class DnCnnTrainerTest {

  static final List<GreyPlane> IMAGES = List.of(plane(16, 16, 1), plane(20, 12, 2));

  static GreyPlane plane(int w, int h, long seed) {
    byte[] p = new byte[w * h];
    Random r = new Random(seed);
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) (4 * (i % w) + r.nextInt(16)); // a ramp with texture
    }
    return new GreyPlane("img" + seed, w, h, p);
  }

  static DnCnnTrainer trainer(long networkSeed, double sigma) {
    return new DnCnnTrainer(StandInNetwork.create(networkSeed), new PatchSampler(IMAGES, 8, sigma), 2, 42);
  }

  @Test
  void stepsGiveFiniteLossesAndChangeTheParameters() {
    DnCnnTrainer t = trainer(1, 25);
    float[] before = t.network().params().toFloatVector();
    for (int i = 0; i < 3; i++) {
      assertThat(t.trainStep()).isFinite().isPositive();
    }
    assertThat(t.step()).isEqualTo(3);
    assertThat(t.network().params().toFloatVector()).isNotEqualTo(before);
    assertThat(t.checkpoint().updaterState()).as("Adam moments are kept").isNotEmpty();
  }

  @Test
  void resumingFromACheckpointFileContinuesBitForBit(@TempDir Path dir) throws Exception {
    DnCnnTrainer straight = trainer(1, 25);
    double[] losses = {straight.trainStep(), straight.trainStep(), straight.trainStep()};

    DnCnnTrainer first = trainer(1, 25);
    assertThat(first.trainStep()).isEqualTo(losses[0]);
    first.checkpoint().write(dir.resolve("c.ckpt"));

    DnCnnTrainer resumed = trainer(777, 25); // other initial weights: restore must overwrite all state
    resumed.restore(Checkpoint.read(dir.resolve("c.ckpt")));
    assertThat(resumed.step()).isEqualTo(1);
    assertThat(resumed.trainStep()).isEqualTo(losses[1]);
    assertThat(resumed.trainStep()).as("needs the Adam moments and iteration count").isEqualTo(losses[2]);
    assertThat(resumed.network().params().toFloatVector())
        .containsExactly(straight.network().params().toFloatVector());
  }

  @Test
  void restoreRejectsACheckpointOfAnotherSetUp() {
    DnCnnTrainer a = trainer(1, 25);
    a.trainStep();
    Checkpoint c = a.checkpoint();
    assertThatThrownBy(() -> trainer(1, 15).restore(c))
        .hasMessage("the checkpoint was made with sigma 25, this run uses 15");
    DnCnnTrainer otherBatch = new DnCnnTrainer(StandInNetwork.create(1), new PatchSampler(IMAGES, 8, 25), 3, 42);
    assertThatThrownBy(() -> otherBatch.restore(c)).hasMessageContaining("batch 2, this run uses 3");
  }

  @Test
  void validationPsnrIsFiniteAndRepeatable() {
    DnCnnTrainer t = trainer(1, 25);
    double p = t.validationPsnr(IMAGES, 5);
    assertThat(p).isFinite().isBetween(5.0, 40.0);
    assertThat(t.validationPsnr(IMAGES, 5)).isEqualTo(p);
    assertThat(t.validationPsnr(List.of(), 5)).isNaN();
    assertThat(t.denoise(new float[12 * 20], 20, 12)).hasSize(240);
  }
}
