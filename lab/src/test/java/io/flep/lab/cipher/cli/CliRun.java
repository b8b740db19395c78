package io.flep.lab.cipher.cli;

import io.flep.encryption.png.ImageCodec;
import io.flep.lab.LabCli;
import io.flep.plugin.api.image.RasterImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test helper: runs {@code flep cipher ...} in-process (see {@link LabCli}); builds test PNGs. */
final class CliRun {
  private CliRun() {}

  static LabCli.Result flep(String... args) {
    return LabCli.run(args);
  }

  /** {@code flep cipher <args> --plugins-dir <dir>/no-plugins}, so no drop-in folder of the working dir leaks in. */
  static LabCli.Result cipher(Path dir, String... args) {
    List<String> all = new ArrayList<>(List.of("cipher"));
    all.addAll(List.of(args));
    all.add("--plugins-dir");
    all.add(dir.resolve("no-plugins").toString());
    return flep(all.toArray(String[]::new));
  }

  /** A random-looking grey image PNG of the given size, written to {@code file}. */
  static byte[] greyPng(Path file, int w, int h, long seed) throws IOException {
    byte[] samples = new byte[w * h];
    new Random(seed).nextBytes(samples);
    byte[] png = ImageCodec.toPng(RasterImage.gray(w, h, samples));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, png);
    return png;
  }

  /** An RGB image PNG written to {@code file}. */
  static byte[] rgbPng(Path file, int w, int h, long seed) throws IOException {
    byte[] samples = new byte[w * h * 3];
    new Random(seed).nextBytes(samples);
    byte[] png = ImageCodec.toPng(RasterImage.rgb(w, h, samples));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, png);
    return png;
  }

  /** Decoded samples of a PNG file. */
  static byte[] samples(Path png) throws IOException {
    return ImageCodec.readPng(Files.readAllBytes(png), png.toString()).samples();
  }
}
