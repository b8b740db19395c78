package io.flep.lab.cipher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flep.lab.cipher.metrics.Correlation.Direction;
import io.flep.plugin.api.image.RasterImage;
import org.junit.jupiter.api.Test;

class CorrelationTest {

  @Test
  void rampIsPerfectlyCorrelatedInEveryDirection() {
    RasterImage ramp = TestImages.grey(16, 16, (x, y) -> 8 * x + 3 * y);

    for (Direction d : Direction.values()) {
      assertThat(Correlation.adjacent(ramp, d)).as(d.name()).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void checkerboardIsAntiCorrelatedHorizontallyAndVerticallyButCorrelatedDiagonally() {
    RasterImage board = TestImages.grey(8, 8, (x, y) -> (x + y) % 2 * 255);

    assertThat(Correlation.adjacent(board, Direction.HORIZONTAL)).isCloseTo(-1.0, within(1e-12));
    assertThat(Correlation.adjacent(board, Direction.VERTICAL)).isCloseTo(-1.0, within(1e-12));
    // diagonal neighbours are equal, and both 0 and 255 occur: perfectly correlated
    assertThat(Correlation.adjacent(board, Direction.DIAGONAL)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void handComputedThreePairs() {
    // horizontal pairs (1,2), (2,4), (4,3): first members 1,2,4, second members 2,4,3
    RasterImage row = RasterImage.gray(4, 1, new byte[] {1, 2, 4, 3});
    double mx = 7 / 3.0;
    double my = 3;
    double cov = (1 - mx) * (2 - my) + (2 - mx) * (4 - my) + (4 - mx) * (3 - my);
    double vx = Math.pow(1 - mx, 2) + Math.pow(2 - mx, 2) + Math.pow(4 - mx, 2);
    double vy = 1 + 1 + 0;

    assertThat(Correlation.adjacent(row, Direction.HORIZONTAL)).isCloseTo(cov / Math.sqrt(vx * vy), within(1e-12));
    assertThat(Correlation.adjacent(row, Direction.VERTICAL)).as("no vertical pairs").isNaN();
  }

  @Test
  void randomImageIsNearlyUncorrelatedAndConstantIsUndefined() {
    RasterImage random = TestImages.random(256, 256, 3, 11);

    for (Direction d : Direction.values()) {
      assertThat(Math.abs(Correlation.adjacent(random, d))).isLessThan(0.02);
    }
    assertThat(Correlation.adjacent(TestImages.grey(8, 8, (x, y) -> 3), Direction.HORIZONTAL)).isNaN();
  }
}
