package io.flep.workers.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LabeledImageTest {

  @Test
  void validatesAndCopies() {
    byte[] pixels = new byte[4];
    LabeledImage image = new LabeledImage(3, pixels, 2, 2);
    pixels[0] = 9;
    assertEquals(0, image.pixel(0, 0), "constructor copies");
    image.pixels()[0] = 9;
    assertEquals(0, image.pixel(0, 0), "accessor copies");
    assertThrows(IllegalArgumentException.class, () -> new LabeledImage(1, new byte[3], 2, 2));
    assertThrows(IllegalArgumentException.class, () -> new LabeledImage(1, new byte[0], 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new LabeledImage(-1, new byte[4], 2, 2));
  }

  @Test
  void convertsFromAndToPluginRasters() {
    LabeledImage grey = LabeledImage.of(4, io.flep.plugin.api.image.RasterImage.gray(2, 1, new byte[] {10, (byte) 250}));
    assertEquals(new LabeledImage(4, new byte[] {10, (byte) 250}, 2, 1), grey);
    io.flep.plugin.api.image.RasterImage back = grey.toRaster();
    assertEquals(1, back.channels());
    assertEquals(250, back.sample(1, 0, 0));
    // BT.601: pure red 76, pure green 150, pure blue 29
    LabeledImage fromRgb = LabeledImage.of(2, io.flep.plugin.api.image.RasterImage.rgb(3, 1,
        new byte[] {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255}));
    assertEquals(76, fromRgb.pixel(0, 0));
    assertEquals(150, fromRgb.pixel(1, 0));
    assertEquals(29, fromRgb.pixel(2, 0));
  }

  @Test
  void downsamplingAveragesBlocks() {
    // 40x40 of 2x2 blocks: top-left pixel of each block 200, the rest 0 -> mean 50
    byte[] pixels = new byte[40 * 40];
    for (int y = 0; y < 40; y += 2) {
      for (int x = 0; x < 40; x += 2) {
        pixels[y * 40 + x] = (byte) 200;
      }
    }
    LabeledImage small = new LabeledImage(7, pixels, 40, 40).resampled(20, 20);
    assertEquals(7, small.label());
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 20; x++) {
        assertEquals(50, small.pixel(x, y));
      }
    }
  }

  @Test
  void upsamplingByAnIntegerFactorReplicatesPixels() {
    byte[] pixels = new byte[10 * 10];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 2);
    }
    LabeledImage source = new LabeledImage(1, pixels, 10, 10);
    LabeledImage big = source.resampled(20, 20);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 20; x++) {
        assertEquals(source.pixel(x / 2, y / 2), big.pixel(x, y));
      }
    }
    assertSame(big, big.resampled(20, 20));
  }
}
