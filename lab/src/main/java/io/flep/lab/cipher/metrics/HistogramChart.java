package io.flep.lab.cipher.metrics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws a 256-bin histogram as a PNG bar chart with plain Java2D (headless): one bar per level, the y axis
 * scaled to the largest count, the title and the maximum count as labels.
 */
public final class HistogramChart {
  static final int WIDTH = 640;
  static final int HEIGHT = 360;
  private static final int LEFT = 60;
  private static final int RIGHT = 20;
  private static final int TOP = 36;
  private static final int BOTTOM = 40;

  private HistogramChart() {}

  /** The chart as PNG bytes. */
  public static byte[] png(long[] counts, String title) {
    if (counts.length != 256) {
      throw new IllegalArgumentException("need 256 bins, got " + counts.length);
    }
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      long max = 1;
      for (long n : counts) {
        max = Math.max(max, n);
      }
      int plotW = WIDTH - LEFT - RIGHT;
      int plotH = HEIGHT - TOP - BOTTOM;
      int baseY = TOP + plotH;
      g.setColor(new Color(40, 70, 140));
      for (int level = 0; level < 256; level++) {
        int x0 = LEFT + level * plotW / 256;
        int x1 = LEFT + (level + 1) * plotW / 256;
        int bar = (int) Math.round((double) counts[level] * plotH / max);
        g.fillRect(x0, baseY - bar, Math.max(1, x1 - x0), bar);
      }
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(1f));
      g.drawLine(LEFT, baseY, LEFT + plotW, baseY);
      g.drawLine(LEFT, TOP, LEFT, baseY);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      for (int level : new int[] {0, 64, 128, 192, 255}) {
        int x = LEFT + level * plotW / 256;
        g.drawLine(x, baseY, x, baseY + 4);
        g.drawString(Integer.toString(level), x - 8, baseY + 18);
      }
      g.drawString(Long.toString(max), 4, TOP + 10);
      g.drawString("0", LEFT - 14, baseY);
      g.drawString("grey level", LEFT + plotW / 2 - 28, HEIGHT - 6);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(title, LEFT, TOP - 14);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes the chart to {@code file}, creating its folder. */
  public static void write(long[] counts, String title, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.write(file, png(counts, title));
  }
}
