package io.flep.encryption.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.plugin.api.image.RasterImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageCodecTest {

  private static byte[] write(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  @Test
  void greyscaleRoundTrips() throws IOException {
    byte[] samples = new byte[5 * 3];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (byte) (i * 17);
    }
    RasterImage back = ImageCodec.readPng(ImageCodec.toPng(RasterImage.gray(5, 3, samples)), "grey.png");

    assertThat(back.channels()).isEqualTo(1);
    assertThat(back.width()).isEqualTo(5);
    assertThat(back.samples()).isEqualTo(samples);
  }

  @Test
  void rgbRoundTrips() throws IOException {
    byte[] samples = new byte[4 * 2 * 3];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (byte) (255 - i * 9);
    }
    RasterImage back = ImageCodec.readImage(ImageCodec.toPng(RasterImage.rgb(4, 2, samples)), "rgb.png");

    assertThat(back.channels()).isEqualTo(3);
    assertThat(back.samples()).isEqualTo(samples);
  }

  @Test
  void errorsNameTheSourceAndTheProblem() throws IOException {
    byte[] png = ImageCodec.toPng(RasterImage.gray(64, 64, new byte[64 * 64]));

    assertThatThrownBy(() -> ImageCodec.readPng(new byte[0], "empty.png")).hasMessage("empty.png: empty file (0 bytes)");
    assertThatThrownBy(() -> ImageCodec.readImage("hello".getBytes(), "notes.txt"))
        .hasMessage("notes.txt: not a readable image (5 bytes, no ImageIO reader)");
    assertThatThrownBy(() -> ImageCodec.readPng("GIF89a....".getBytes(), "x.gif"))
        .hasMessage("x.gif: not a PNG file (no PNG signature)");
    assertThatThrownBy(() -> ImageCodec.readPng(Arrays.copyOf(png, png.length / 2), "half.png"))
        .isInstanceOf(IOException.class).hasMessageStartingWith("half.png: truncated or corrupt image");
  }

  @Test
  void rejectsSixteenBitAndAlpha() throws IOException {
    byte[] deep = write(new BufferedImage(3, 3, BufferedImage.TYPE_USHORT_GRAY));
    byte[] alpha = write(new BufferedImage(3, 3, BufferedImage.TYPE_INT_ARGB));

    assertThatThrownBy(() -> ImageCodec.readPng(deep, "deep.png"))
        .hasMessage("deep.png: uses 16-bit samples; only 8-bit greyscale or RGB is supported");
    assertThatThrownBy(() -> ImageCodec.readPng(alpha, "alpha.png"))
        .hasMessage("alpha.png: has an alpha channel; only greyscale or RGB is supported");
  }

  @Test
  void overWhiteCompositesAlpha() throws IOException {
    BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0xFF102030); // opaque
    argb.setRGB(1, 0, 0x00000000); // fully transparent black -> white
    RasterImage image = ImageCodec.readImageOverWhite(write(argb), "a.png");

    assertThat(image.channels()).isEqualTo(3);
    assertThat(image.samples()).containsExactly(new byte[] {0x10, 0x20, 0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
  }
}
