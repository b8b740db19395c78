package io.flep.workers.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DigitsSheetTest {

  @Test
  void cutsFiveThousandTilesFiveHundredPerDigitInRowMajorOrder() {
    List<LabeledImage> images = DigitsSheet.load();
    assertEquals(5_000, images.size());
    int[] perLabel = new int[10];
    for (int i = 0; i < images.size(); i++) {
      LabeledImage image = images.get(i);
      assertEquals(20, image.width());
      assertEquals(20, image.height());
      assertEquals(i / 500, image.label(), "label of tile " + i);
      perLabel[image.label()]++;
    }
    for (int label = 0; label < 10; label++) {
      assertEquals(500, perLabel[label], "count of digit " + label);
    }
    assertSame(images, DigitsSheet.load(), "bundled sheet is cut once and cached");
  }

  @Test
  void knownTilesMatchTheSheetPixels() throws Exception {
    BufferedImage sheet;
    try (InputStream in = DigitsSheet.class.getResourceAsStream(DigitsSheet.RESOURCE)) {
      sheet = ImageIO.read(in);
    }
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, sheet.getType());
    List<LabeledImage> images = DigitsSheet.load();
    int[][] tiles = {{0, 0}, {7, 42}, {23, 99}, {49, 57}};
    for (int[] rc : tiles) {
      int row = rc[0];
      int col = rc[1];
      LabeledImage tile = images.get(row * 100 + col);
      assertEquals(row / 5, tile.label());
      long ink = 0;
      for (int y = 0; y < 20; y++) {
        for (int x = 0; x < 20; x++) {
          int expected = sheet.getRaster().getSample(col * 20 + x, row * 20 + y, 0);
          assertEquals(expected, tile.pixel(x, y), "tile r" + row + "c" + col + " pixel " + x + "," + y);
          ink += expected;
        }
      }
      assertTrue(ink > 0, "a digit tile is not blank");
    }
    // neighbouring tiles differ, so an off-by-one cut would have failed above
    assertNotEquals(images.get(742), images.get(743));
  }

  @Test
  void rejectsASheetOfTheWrongSize() {
    BufferedImage small = new BufferedImage(100, 50, BufferedImage.TYPE_BYTE_GRAY);
    assertThrows(IllegalArgumentException.class, () -> DigitsSheet.cut(small));
  }
}
