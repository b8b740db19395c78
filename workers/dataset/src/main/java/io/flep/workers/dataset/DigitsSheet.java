package io.flep.workers.dataset;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Cuts the OpenCV handwritten-digits sheet into labelled 20x20 images.
 *
 * <p>The sheet is 2000 x 1000 pixels: 50 rows x 100 columns of 20 x 20 tiles; tile rows 0-4 hold
 * digit 0, rows 5-9 digit 1, ..., rows 45-49 digit 9. {@link #cut} returns the 5,000 tiles in
 * row-major tile order (tile row 0 columns 0..99, then tile row 1, ...), so image {@code i} is the
 * tile at tile row {@code i / 100}, column {@code i % 100}, with label {@code i / 500}.
 *
 * <p>The sheet ships with the workers at {@value #RESOURCE} (see the NOTICE file beside it).
 */
public final class DigitsSheet {

  /** Class-path location of the bundled sheet. */
  public static final String RESOURCE = "/datasets/digits/digits.png";
  public static final int TILE = 20;
  public static final int COLUMNS = 100;
  public static final int ROWS = 50;
  public static final int ROWS_PER_DIGIT = 5;
  public static final int WIDTH = COLUMNS * TILE;
  public static final int HEIGHT = ROWS * TILE;
  public static final int COUNT = ROWS * COLUMNS;

  private static volatile List<LabeledImage> bundled;

  private DigitsSheet() {
  }

  /** The 5,000 images of the bundled sheet (cached, immutable list). */
  public static List<LabeledImage> load() {
    List<LabeledImage> result = bundled;
    if (result == null) {
      synchronized (DigitsSheet.class) {
        result = bundled;
        if (result == null) {
          try (InputStream in = DigitsSheet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("digits sheet not on the class path: " + RESOURCE);
            }
            result = read(in);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
          }
          bundled = result;
        }
      }
    }
    return result;
  }

  /** Reads a sheet PNG from a file. */
  public static List<LabeledImage> read(Path png) throws IOException {
    try (InputStream in = Files.newInputStream(png)) {
      return read(in);
    }
  }

  /** Reads a sheet PNG from a stream (not closed). */
  public static List<LabeledImage> read(InputStream png) throws IOException {
    BufferedImage image = ImageIO.read(png);
    if (image == null) {
      throw new IOException("not a readable image");
    }
    return cut(image);
  }

  /** Cuts an in-memory sheet; colour sheets are converted to grey with BT.601 weights. */
  public static List<LabeledImage> cut(BufferedImage sheet) {
    if (sheet.getWidth() != WIDTH || sheet.getHeight() != HEIGHT) {
      throw new IllegalArgumentException("digits sheet must be " + WIDTH + "x" + HEIGHT + ", got "
          + sheet.getWidth() + "x" + sheet.getHeight());
    }
    byte[] grey = grey(sheet);
    List<LabeledImage> out = new ArrayList<>(COUNT);
    for (int row = 0; row < ROWS; row++) {
      int label = row / ROWS_PER_DIGIT;
      for (int col = 0; col < COLUMNS; col++) {
        byte[] tile = new byte[TILE * TILE];
        for (int y = 0; y < TILE; y++) {
          System.arraycopy(grey, (row * TILE + y) * WIDTH + col * TILE, tile, y * TILE, TILE);
        }
        out.add(new LabeledImage(label, tile, TILE, TILE));
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static byte[] grey(BufferedImage sheet) {
    int w = sheet.getWidth();
    int h = sheet.getHeight();
    byte[] grey = new byte[w * h];
    if (sheet.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      Raster raster = sheet.getRaster();
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          grey[y * w + x] = (byte) row[x];
        }
      }
    } else {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int rgb = sheet.getRGB(x, y);
          int r = (rgb >> 16) & 0xFF;
          int g = (rgb >> 8) & 0xFF;
          int b = rgb & 0xFF;
          grey[y * w + x] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
        }
      }
    }
    return grey;
  }
}
