package io.flep.encryption.png;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.RasterImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

class EncryptedImageCodecTest {

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** A PNG written straight through ImageIO with the given tEXt entries (keyword, value pairs). */
  private static byte[] pngWithText(BufferedImage image, String... keywordValue) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    IIOMetadata metadata =
        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), writer.getDefaultWriteParam());
    IIOMetadataNode text = new IIOMetadataNode("tEXt");
    for (int i = 0; i < keywordValue.length; i += 2) {
      IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
      entry.setAttribute("keyword", keywordValue[i]);
      entry.setAttribute("value", keywordValue[i + 1]);
      text.appendChild(entry);
    }
    IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
    root.appendChild(text);
    metadata.mergeTree("javax_imageio_png_1.0", root);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, metadata), null);
    }
    writer.dispose();
    return bytes.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void greyCipherImageAndHeaderRoundTrip() throws Exception {
    RasterImage cipher = RasterImage.gray(7, 5, random(35, 1));
    byte[] header = random(61, 2);

    EncryptedImage back = EncryptedImageCodec.fromPng(EncryptedImageCodec.toPng(new EncryptedImage(cipher, header)), "c.png");

    assertThat(back.cipherImage().channels()).isEqualTo(1);
    assertThat(back.cipherImage().width()).isEqualTo(7);
    assertThat(back.cipherImage().height()).isEqualTo(5);
    assertThat(back.cipherImage().samples()).isEqualTo(cipher.samples());
    assertThat(back.header()).isEqualTo(header);
  }

  @Test
  void rgbAndEmptyHeaderRoundTrip() throws Exception {
    RasterImage cipher = RasterImage.rgb(3, 4, random(36, 3));

    EncryptedImage back = EncryptedImageCodec.fromPng(EncryptedImageCodec.toPng(new EncryptedImage(cipher, new byte[0])), "c.png");

    assertThat(back.cipherImage().channels()).isEqualTo(3);
    assertThat(back.cipherImage().samples()).isEqualTo(cipher.samples());
    assertThat(back.header()).isEmpty();
  }

  @Test
  void isAnOrdinaryPngWithTheHeaderInATextChunk() throws Exception {
    RasterImage cipher = RasterImage.gray(4, 4, random(16, 4));
    byte[] header = {1, 2, 3, (byte) 0xff};
    byte[] png = EncryptedImageCodec.toPng(new EncryptedImage(cipher, header));

    assertThat(ImageCodec.readPng(png, "plain-view.png").samples()).isEqualTo(cipher.samples());
    byte[] chunk = ("tEXtflep-cipher-header\0AQID/w==").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(indexOf(png, chunk)).as("raw tEXt chunk with keyword, NUL, base64 value").isPositive();
  }

  @Test
  void plainPngWithoutTheChunkIsRejected() {
    byte[] plain = ImageCodec.toPng(RasterImage.gray(4, 4, new byte[16]));

    assertThatThrownBy(() -> EncryptedImageCodec.fromPng(plain, "photo.png"))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("photo.png: not a FLEP cipher image (no tEXt chunk 'flep-cipher-header')");
  }

  @Test
  void otherTextChunksDoNotCount() throws Exception {
    byte[] png = pngWithText(new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY), "Comment", "hello");

    assertThatThrownBy(() -> EncryptedImageCodec.fromPng(png, "commented.png"))
        .hasMessageContaining("no tEXt chunk 'flep-cipher-header'");
  }

  @Test
  void emptyNonPngAndTruncatedFilesNameSourceAndCause() {
    byte[] png = EncryptedImageCodec.toPng(new EncryptedImage(RasterImage.gray(64, 64, random(4096, 5)), new byte[20]));

    assertThatThrownBy(() -> EncryptedImageCodec.fromPng(new byte[0], "zero.png"))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("zero.png: empty file (0 bytes)")
        .hasCauseInstanceOf(IOException.class);
    assertThatThrownBy(() -> EncryptedImageCodec.fromPng(null, "null.png")).hasMessage("null.png: empty file (0 bytes)");
    assertThatThrownBy(() -> EncryptedImageCodec.fromPng("not an image".getBytes(), "x.bin"))
        .hasMessage("x.bin: not a PNG file (no PNG signature)");
    assertThatThrownBy(() -> EncryptedImageCodec.fromPng(Arrays.copyOf(png, png.length / 2), "half.png"))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageStartingWith("half.png: truncated or corrupt cipher PNG")
        .cause().isNotNull();
    assertThatThrownBy(() -> EncryptedImageCodec.fromPng(Arrays.copyOf(png, 20), "stub.png"))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageStartingWith("stub.png: truncated or corrupt cipher PNG");
  }

  @Test
  void sixteenBitCipherPngIsRejectedEvenWithTheChunk() throws Exception {
    byte[] deep = pngWithText(new BufferedImage(3, 3, BufferedImage.TYPE_USHORT_GRAY), "flep-cipher-header", "AAAA");

    assertThatThrownBy(() -> EncryptedImageCodec.fromPng(deep, "deep.png"))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("deep.png: uses 16-bit samples; only 8-bit greyscale or RGB is supported");
  }

  @Test
  void duplicateOrUndecodableHeaderIsRejected() throws Exception {
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
    byte[] twice = pngWithText(image, "flep-cipher-header", "AAAA", "flep-cipher-header", "AQID");
    byte[] garbled = pngWithText(image, "flep-cipher-header", "not*base64!");

    assertThatThrownBy(() -> EncryptedImageCodec.fromPng(twice, "twice.png"))
        .hasMessage("twice.png: ambiguous cipher image (2 tEXt chunks 'flep-cipher-header')");
    assertThatThrownBy(() -> EncryptedImageCodec.fromPng(garbled, "garbled.png"))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageStartingWith("garbled.png: corrupt cipher header in tEXt chunk 'flep-cipher-header'")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }
}
