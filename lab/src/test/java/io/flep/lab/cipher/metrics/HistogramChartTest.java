package io.flep.lab.cipher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramChartTest {

  @Test
  void drawsOneFullHeightBarForTheOnlyLevel(@TempDir Path dir) throws Exception {
    long[] counts = new long[256];
    counts[128] = 1000;
    Path file = dir.resolve("sub/h.png");

    HistogramChart.write(counts, "test", file);

    BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
    assertThat(img.getWidth()).isEqualTo(HistogramChart.WIDTH);
    assertThat(img.getHeight()).isEqualTo(HistogramChart.HEIGHT);
    int plotW = HistogramChart.WIDTH - 80;
    int barX = 60 + 128 * plotW / 256;
    int midY = HistogramChart.HEIGHT / 2;
    assertThat(img.getRGB(barX, midY) & 0xffffff).as("bar of level 128").isNotEqualTo(0xffffff);
    assertThat(img.getRGB(60 + 64 * plotW / 256, midY) & 0xffffff).as("empty level 64").isEqualTo(0xffffff);
  }

  @Test
  void rejectsWrongBinCount() {
    assertThatThrownBy(() -> HistogramChart.png(new long[255], "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
