package io.flep.encryption.dncnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlaneTilesTest {

  @Test
  void mirrorReflectsSymmetricallyForAnySize() {
    assertThat(PlaneTiles.mirror(-1, 5)).isEqualTo(0);
    assertThat(PlaneTiles.mirror(-2, 5)).isEqualTo(1);
    assertThat(PlaneTiles.mirror(5, 5)).isEqualTo(4);
    assertThat(PlaneTiles.mirror(6, 5)).isEqualTo(3);
    for (int i = -20; i < 20; i++) {
      assertThat(PlaneTiles.mirror(i, 1)).isZero();
      assertThat(PlaneTiles.mirror(i, 3)).isBetween(0, 2);
    }
  }

  @Test
  void coresPartitionThePlaneAndWindowsStayInside() {
    int w = 300;
    int h = 520;
    int[] covered = new int[w * h];
    List<PlaneTiles.Tile> tiles = PlaneTiles.split(w, h, 256, 9);
    assertThat(tiles).hasSize(2 * 3);
    for (PlaneTiles.Tile t : tiles) {
      assertThat(t.x0()).isGreaterThanOrEqualTo(0);
      assertThat(t.x0() + t.width()).isLessThanOrEqualTo(w);
      assertThat(t.y0() + t.height()).isLessThanOrEqualTo(h);
      assertThat(t.coreX0() - t.x0()).isBetween(0, 9);
      for (int y = t.coreY0(); y < t.coreY0() + t.coreHeight(); y++) {
        for (int x = t.coreX0(); x < t.coreX0() + t.coreWidth(); x++) {
          covered[y * w + x]++;
        }
      }
    }
    assertThat(covered).containsOnly(1);
  }

  @Test
  void cropCopiesTheWindow() {
    float[] plane = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    assertThat(PlaneTiles.crop(plane, 4, 1, 1, 2, 2)).containsExactly(5, 6, 9, 10);
  }
}
