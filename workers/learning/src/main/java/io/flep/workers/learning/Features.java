package io.flep.workers.learning;

import io.flep.workers.dataset.AreaResampling;
import io.flep.workers.dataset.LabeledImage;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turns images into network input: 20x20, one channel, grey / 255 in [0, 1], NCHW. */
final class Features {

  private Features() {
  }

  static final int SIDE = DigitModel.INPUT_SIDE;
  static final int PIXELS = SIDE * SIDE;

  /** All images as one row-major float block, {@code n * 400} values in [0, 1]. */
  static float[] unitPixels(List<LabeledImage> images) {
    float[] out = new float[images.size() * PIXELS];
    for (int i = 0; i < images.size(); i++) {
      writeUnit(images.get(i), out, i * PIXELS);
    }
    return out;
  }

  static int[] labels(List<LabeledImage> images) {
    int[] out = new int[images.size()];
    for (int i = 0; i < out.length; i++) {
      int label = images.get(i).label();
      if (label >= DigitModel.CLASSES) {
        throw new IllegalArgumentException("label " + label + " outside 0.." + (DigitModel.CLASSES - 1)
            + " at index " + i);
      }
      out[i] = label;
    }
    return out;
  }

  /** Writes one image as 400 unit floats, resampling to 20x20 first if needed. */
  static void writeUnit(LabeledImage image, float[] out, int offset) {
    if (image.width() == SIDE && image.height() == SIDE) {
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          out[offset + y * SIDE + x] = image.pixel(x, y) / 255f;
        }
      }
    } else {
      AreaResampling.resampleUnit(image, SIDE, SIDE, out, offset);
    }
  }

  /** NCHW feature tensor {@code [n, 1, 20, 20]} for {@code count} images starting at image {@code from}. */
  static INDArray tensor(float[] unit, int from, int count) {
    float[] slice = new float[count * PIXELS];
    System.arraycopy(unit, from * PIXELS, slice, 0, slice.length);
    return Nd4j.create(slice, new long[] {count, 1, SIDE, SIDE}, 'c');
  }
}
