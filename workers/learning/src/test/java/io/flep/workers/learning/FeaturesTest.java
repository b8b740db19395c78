package io.flep.workers.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flep.workers.dataset.LabeledImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturesTest {

  @Test
  void networkInputIsResampledAndScaledToUnitRange() {
    byte[] pixels = new byte[28 * 28];
    Arrays.fill(pixels, (byte) 255);
    float[] unit = Features.unitPixels(List.of(new LabeledImage(0, pixels, 28, 28)));
    assertEquals(400, unit.length);
    for (float v : unit) {
      assertEquals(1.0f, v, 1e-6f);
    }
  }
}
