package io.flep.lab.denoise.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

  private static Checkpoint sample() {
    return new Checkpoint(25, 16, 40, 42, 1234, 1234, 0, 99.5, new float[] {1.5f, -2f, Float.MIN_VALUE},
        new float[] {0.25f, 3e-9f});
  }

  @Test
  void roundTripsEveryField(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("sub/m.ckpt");
    sample().write(f);
    Checkpoint c = Checkpoint.read(f);
    assertThat(c).usingRecursiveComparison().isEqualTo(sample());
    assertThat(Files.exists(dir.resolve("sub/m.ckpt.tmp"))).isFalse();
  }

  @Test
  void corruptTruncatedForeignAndMissingFilesNameTheProblem(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("m.ckpt");
    sample().write(f);
    byte[] b = Files.readAllBytes(f);
    b[30] ^= 1;
    Files.write(f, b);
    assertThatThrownBy(() -> Checkpoint.read(f)).hasMessageContaining("m.ckpt: corrupt checkpoint");
    Files.write(f, java.util.Arrays.copyOf(b, 40));
    assertThatThrownBy(() -> Checkpoint.read(f)).hasMessageContaining("m.ckpt: corrupt checkpoint");
    Files.writeString(f, "hello, this is a weights file, honest");
    assertThatThrownBy(() -> Checkpoint.read(f)).hasMessageContaining("not a FLEP DnCNN checkpoint");
    assertThatThrownBy(() -> Checkpoint.read(dir.resolve("none"))).hasMessageContaining("none: no such");
  }
}
