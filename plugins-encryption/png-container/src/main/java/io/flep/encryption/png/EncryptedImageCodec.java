package io.flep.encryption.png;

import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.RasterImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * Stores an {@link EncryptedImage} as one ordinary 8-bit PNG: the cipher image as its pixels (greyscale or RGB,
 * exactly as {@link ImageCodec#toPng} writes them) and the scheme's header, base64-encoded, in a PNG {@code tEXt}
 * chunk with keyword {@value #HEADER_KEYWORD}. Any image viewer shows the cipher image; the header is not secret
 * (integrity is the scheme's business: an authenticated scheme covers the header with its tag).
 *
 * <p>Reading is strict: a file that is empty, not a PNG, truncated, 16-bit, has alpha, lacks the header chunk,
 * has it twice or holds invalid base64 fails with a {@link GeneralSecurityException} whose message starts with the
 * source name and states the cause, so a caller never decrypts something that is not a FLEP cipher image.
 */
public final class EncryptedImageCodec {
  /** The {@code tEXt} keyword that carries the header. */
  public static final String HEADER_KEYWORD = "flep-cipher-header";

  private static final String PNG_FORMAT = "javax_imageio_png_1.0";

  private EncryptedImageCodec() {}

  /** Encodes the cipher image as an 8-bit PNG with the header in a {@code tEXt} chunk. */
  public static byte[] toPng(EncryptedImage encrypted) {
    BufferedImage image = ImageCodec.toBufferedImage(encrypted.cipherImage());
    ImageWriter writer = pngWriter();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
      metadata.mergeTree(PNG_FORMAT, headerTree(encrypted.header()));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(image, null, metadata), param);
      }
      return bytes.toByteArray();
    } catch (IIOInvalidTreeException e) {
      throw new IllegalStateException("the JDK's PNG writer rejected the tEXt metadata: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode cipher PNG: " + e.getMessage(), e);
    } finally {
      writer.dispose();
    }
  }

  /**
   * Decodes a cipher PNG written by {@link #toPng}.
   *
   * @param sourceName named first in every error message (e.g. the file name)
   * @throws GeneralSecurityException if the bytes are not a complete 8-bit grey/RGB PNG with exactly one valid
   *     {@value #HEADER_KEYWORD} chunk; the cause is attached where there is one
   */
  public static EncryptedImage fromPng(byte[] png, String sourceName) throws GeneralSecurityException {
    try {
      ImageCodec.checkPngSignature(png, sourceName);
    } catch (IOException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
    ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
      reader.setInput(in, true, false);
      BufferedImage image;
      IIOMetadata metadata;
      try {
        image = reader.read(0);
        metadata = reader.getImageMetadata(0);
      } catch (IOException | RuntimeException e) {
        throw new GeneralSecurityException(
            sourceName + ": truncated or corrupt cipher PNG (" + e.getMessage() + ")", e);
      }
      RasterImage cipherImage;
      try {
        cipherImage = ImageCodec.toRaster(image, sourceName);
      } catch (IOException e) {
        throw new GeneralSecurityException(e.getMessage(), e);
      }
      return new EncryptedImage(cipherImage, header(metadata, sourceName));
    } catch (IOException e) {
      throw new GeneralSecurityException(sourceName + ": could not read cipher PNG (" + e.getMessage() + ")", e);
    } finally {
      reader.dispose();
    }
  }

  private static ImageWriter pngWriter() {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IllegalStateException("no PNG writer available in this JDK");
    }
    return writers.next();
  }

  private static IIOMetadataNode headerTree(byte[] header) {
    IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
    entry.setAttribute("keyword", HEADER_KEYWORD);
    entry.setAttribute("value", Base64.getEncoder().encodeToString(header));
    IIOMetadataNode text = new IIOMetadataNode("tEXt");
    text.appendChild(entry);
    IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
    root.appendChild(text);
    return root;
  }

  private static byte[] header(IIOMetadata metadata, String sourceName) throws GeneralSecurityException {
    String value = null;
    int found = 0;
    Node root = metadata.getAsTree(PNG_FORMAT);
    for (Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
      if (!"tEXt".equals(chunk.getNodeName())) {
        continue;
      }
      for (Node entry = chunk.getFirstChild(); entry != null; entry = entry.getNextSibling()) {
        IIOMetadataNode node = (IIOMetadataNode) entry;
        if (HEADER_KEYWORD.equals(node.getAttribute("keyword"))) {
          value = node.getAttribute("value");
          found++;
        }
      }
    }
    if (found == 0) {
      throw new GeneralSecurityException(
          sourceName + ": not a FLEP cipher image (no tEXt chunk '" + HEADER_KEYWORD + "')");
    }
    if (found > 1) {
      throw new GeneralSecurityException(
          sourceName + ": ambiguous cipher image (" + found + " tEXt chunks '" + HEADER_KEYWORD + "')");
    }
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException(
          sourceName + ": corrupt cipher header in tEXt chunk '" + HEADER_KEYWORD + "' (" + e.getMessage() + ")", e);
    }
  }
}
