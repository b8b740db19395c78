package io.flep.workers.dataset;

import io.flep.encryption.png.ImageCodec;
import io.flep.plugin.api.image.RasterImage;
import io.flep.workers.failure.BadInputException;
import java.io.IOException;

/** Grey PNG bytes ↔ labelled pixels, the form in which images are stored and trained on. */
public final class GreyImages {
  private GreyImages() {}

  public static LabeledImage decode(byte[] png, int label, String sourceName) {
    try {
      RasterImage image = ImageCodec.readImage(png, sourceName);
      return new LabeledImage(label, Grey.of(image), image.width(), image.height());
    } catch (IOException | IllegalArgumentException e) {
      throw new BadInputException("unreadable image " + sourceName + ": " + e.getMessage(), e);
    }
  }

  public static byte[] encode(int width, int height, byte[] greyPixels) {
    return ImageCodec.toPng(RasterImage.gray(width, height, greyPixels));
  }
}
