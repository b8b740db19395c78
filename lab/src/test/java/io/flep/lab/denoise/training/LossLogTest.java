package io.flep.lab.denoise.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossLogTest {

  @Test
  void appendsRowsAndAResumeDropsStepsAfterTheCheckpoint(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("m.loss.csv");
    LossLog log = LossLog.open(f, 0);
    log.append(1, 0.5, Double.NaN, 1.0, 2.5);
    log.append(2, 0.25, 27.125, 2.0, 2.5);
    log.append(3, 0.125, Double.NaN, 3.0, 2.5);
    assertThat(Files.readAllLines(f)).containsExactly(LossLog.HEADER, "1,0.50000000,,1.0,2.50",
        "2,0.25000000,27.1250,2.0,2.50", "3,0.12500000,,3.0,2.50");
    LossLog.open(f, 2).append(3, 0.2, Double.NaN, 3.0, 2.0);
    assertThat(Files.readAllLines(f)).containsExactly(LossLog.HEADER, "1,0.50000000,,1.0,2.50",
        "2,0.25000000,27.1250,2.0,2.50", "3,0.20000000,,3.0,2.00");
    LossLog.open(f, 0);
    assertThat(Files.readAllLines(f)).containsExactly(LossLog.HEADER);
  }
}
