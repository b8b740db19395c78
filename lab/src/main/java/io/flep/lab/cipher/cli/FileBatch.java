package io.flep.lab.cipher.cli;

import io.flep.workers.failure.BadInputException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Applies a per-file transformation to {@code --in}/{@code --out}:
 *
 * <ul>
 *   <li>{@code --in} a file: writes {@code --out} (or {@code --out/<name>} if {@code --out} is an existing folder).
 *   <li>{@code --in} a folder: every regular file directly in it whose name ends in {@code .png} (any case), in
 *       name order, into folder {@code --out} (created) under the same name; one progress line per file on
 *       stderr.
 * </ul>
 *
 * A bad file stops the batch with that file named (files already written stay); with {@code keepGoing} bad files
 * are reported on stderr, skipped, and the batch fails at the end naming how many failed and the first one.
 * Refuses to write over its own input.
 */
final class FileBatch {
  private final PrintStream progress;

  FileBatch(PrintStream progress) {
    this.progress = progress;
  }

  /**
   * Runs the transformation ({@code (bytes, name) -> bytes}) and returns how many files were written.
   *
   * @throws BadInputException for a missing input, an unusable output, an empty folder or a bad file
   */
  int run(Path in, Path out, boolean keepGoing, BiFunction<byte[], String, byte[]> transform) {
    if (!Files.exists(in)) {
      throw new BadInputException(in + ": no such file or folder");
    }
    if (Files.isDirectory(in)) {
      return runFolder(in, out, keepGoing, transform);
    }
    Path target = Files.isDirectory(out) ? out.resolve(in.getFileName()) : out;
    checkNotSame(in, target);
    byte[] result = transform.apply(read(in), in.toString());
    write(target, result);
    return 1;
  }

  private int runFolder(Path in, Path out, boolean keepGoing, BiFunction<byte[], String, byte[]> transform) {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new BadInputException(out + ": --in is a folder, so --out must be a folder, but it is a file");
    }
    List<Path> files = pngFiles(in);
    if (files.isEmpty()) {
      throw new BadInputException(in + ": no *.png files in this folder");
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new BadInputException(out + ": cannot create output folder (" + e + ")", e);
    }
    checkNotSame(in, out);
    List<String> failures = new ArrayList<>();
    int written = 0;
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      long start = System.nanoTime();
      try {
        write(out.resolve(file.getFileName().toString()), transform.apply(read(file), file.toString()));
        written++;
        progress.printf(Locale.ROOT, "[%d/%d] %s -> %s (%.1f ms)%n", i + 1, files.size(), file,
            out.resolve(file.getFileName().toString()), (System.nanoTime() - start) / 1e6);
      } catch (BadInputException e) {
        if (!keepGoing) {
          throw e;
        }
        failures.add(e.getMessage());
        progress.printf(Locale.ROOT, "[%d/%d] skipped %s%n", i + 1, files.size(), e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new BadInputException(failures.size() + " of " + files.size() + " files failed, " + written
          + " written (first failure: " + failures.get(0) + ")");
    }
    return written;
  }

  private static List<Path> pngFiles(Path dir) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
          files.add(p);
        }
      }
    } catch (IOException e) {
      throw new BadInputException(dir + ": cannot list folder (" + e + ")", e);
    }
    files.sort(Path::compareTo);
    return files;
  }

  private static void checkNotSame(Path in, Path out) {
    try {
      if (Files.exists(out) && Files.isSameFile(in, out)) {
        throw new BadInputException(out + ": --out is the same as --in; refusing to overwrite the input");
      }
    } catch (IOException e) {
      throw new BadInputException(out + ": cannot compare with --in (" + e + ")", e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such file");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read (" + e + ")", e);
    }
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot write (" + e + ")", e);
    }
  }
}
