package io.flep.workers.dataset;

import io.flep.plugin.api.image.RasterImage;

/** 8-bit grey pixels of an image; colour is converted with ITU-R BT.601 luma weights. */
public final class Grey {
  private Grey() {}

  public static byte[] of(RasterImage image) {
    int w = image.width();
    int h = image.height();
    byte[] grey = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int value;
        if (image.channels() == 1) {
          value = image.sample(x, y, 0);
        } else {
          value = (int) Math.round(
              0.299 * image.sample(x, y, 0) + 0.587 * image.sample(x, y, 1) + 0.114 * image.sample(x, y, 2));
        }
        grey[y * w + x] = (byte) value;
      }
    }
    return grey;
  }
}
