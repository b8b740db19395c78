package io.flep.lab.denoise.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CSV loss log of a training run, {@value #HEADER}: one row per step ({@code val_psnr_db} empty except on
 * validation steps). Rows are appended and flushed as they come, so the file is complete up to the last step
 * even if the process is killed. {@link #open} on resume keeps only the rows up to the checkpoint's step, so
 * the curve has no duplicate steps after a resume.
 */
public final class LossLog {

  /** The header line. */
  public static final String HEADER = "step,loss,val_psnr_db,elapsed_s,patches_per_s";

  private final Path file;

  private LossLog(Path file) {
    this.file = file;
  }

  /**
   * Opens the log: a new file with the header when {@code keepUpToStep} is 0, otherwise the existing rows with
   * step ≤ {@code keepUpToStep} (a missing file is started afresh).
   */
  public static LossLog open(Path file, long keepUpToStep) throws IOException {
    Path abs = file.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    if (keepUpToStep > 0 && Files.isRegularFile(abs)) {
      for (String line : Files.readAllLines(abs, StandardCharsets.UTF_8)) {
        int comma = line.indexOf(',');
        if (comma > 0 && Character.isDigit(line.charAt(0))
            && Long.parseLong(line.substring(0, comma)) <= keepUpToStep) {
          lines.add(line);
        }
      }
    }
    Files.write(abs, lines, StandardCharsets.UTF_8);
    return new LossLog(abs);
  }

  public Path file() {
    return file;
  }

  /** Appends one row; {@code valPsnr} NaN leaves the column empty. */
  public void append(long step, double loss, double valPsnr, double elapsedSeconds, double patchesPerSecond)
      throws IOException {
    String row = String.format(Locale.ROOT, "%d,%.8g,%s,%.1f,%.2f%n", step, loss,
        Double.isNaN(valPsnr) ? "" : String.format(Locale.ROOT, "%.4f", valPsnr), elapsedSeconds,
        patchesPerSecond);
    Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}
