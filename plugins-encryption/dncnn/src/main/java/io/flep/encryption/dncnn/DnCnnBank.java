package io.flep.encryption.dncnn;

import io.flep.plugin.api.denoise.Denoiser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A set of DnCNN models, one per noise level, acting as one {@link Denoiser}: each call goes to the model whose σ
 * is within {@value DnCnnDenoiser#SIGMA_RELATIVE_TOLERANCE} (relative) of the requested σ; σ = 0 returns a copy;
 * any other σ is an error naming the models there are and how to train one. Models are decoded (checksum and
 * architecture verified) when the bank is made; each model's fast path is built on its first use. Thread-safe.
 */
public final class DnCnnBank implements Denoiser {

  /** Built-in model resources next to this class, one per σ (see docs/dncnn-training.md). */
  static final List<String> BUILT_IN = List.of("models/dncnn-sigma25.dncnn", "models/dncnn-sigma35.71.dncnn");

  private record Model(String source, double sigma, float[] params) {}

  private final List<Model> models;
  private final DnCnnDenoiser[] denoisers;

  private DnCnnBank(List<Model> models) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("no DnCNN model: train one with 'flep denoiser train' and pass it as"
          + " the dncnn option model=FILE");
    }
    this.models = List.copyOf(models);
    this.denoisers = new DnCnnDenoiser[models.size()];
  }

  private static volatile DnCnnBank builtIn;

  /**
   * The models shipped with FLEP (those present on the class path), decoded on first use.
   *
   * @throws IllegalArgumentException if no built-in model is on the class path or one is corrupt (asked again on
   *                                  the next call, so the error stays the same readable one)
   */
  public static DnCnnBank builtIn() {
    DnCnnBank bank = builtIn;
    if (bank == null) {
      synchronized (DnCnnBank.class) {
        bank = builtIn;
        if (bank == null) {
          bank = loadBuiltIn();
          builtIn = bank;
        }
      }
    }
    return bank;
  }

  /**
   * The models of these files, whatever their σ.
   *
   * @throws IllegalArgumentException naming the file that is missing, corrupt, of another architecture, or whose
   *                                  σ another file already covers
   */
  public static DnCnnBank of(List<Path> files) {
    List<Model> models = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new IllegalArgumentException(file + ": cannot read the DnCNN model file (" + e.getMessage() + ")", e);
      }
      models.add(decode(file.toString(), bytes));
    }
    requireDistinctSigmas(models);
    return new DnCnnBank(models);
  }

  /** The σ of the models, in bank order. */
  public List<Double> sigmas() {
    return models.stream().map(Model::sigma).toList();
  }

  @Override
  public float[] denoise(float[] plane, int width, int height, double sigma) {
    Objects.requireNonNull(plane, "plane");
    if (!Double.isFinite(sigma) || sigma < 0) {
      throw new IllegalArgumentException("sigma must be non-negative and finite, got " + sigma);
    }
    if (sigma == 0) {
      if ((long) width * height != plane.length) {
        throw new IllegalArgumentException("plane has " + plane.length + " samples, not " + width + " x " + height);
      }
      return plane.clone();
    }
    for (int i = 0; i < models.size(); i++) {
      double s = models.get(i).sigma();
      if (Math.abs(sigma - s) <= DnCnnDenoiser.SIGMA_RELATIVE_TOLERANCE * s) {
        return denoiser(i).denoise(plane, width, height, s);
      }
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT, "no DnCNN model for sigma %.4g (models: %s);"
        + " train one with 'flep denoiser train --sigma %.4g ...' and pass it as the dncnn option model=FILE",
        sigma, describe(), sigma));
  }

  private DnCnnDenoiser denoiser(int i) {
    synchronized (denoisers) {
      if (denoisers[i] == null) {
        denoisers[i] = new DnCnnDenoiser(models.get(i).params(), models.get(i).sigma());
      }
      return denoisers[i];
    }
  }

  private String describe() {
    return models.stream().map(m -> String.format(Locale.ROOT, "%.4g from %s", m.sigma(), m.source()))
        .collect(Collectors.joining(", "));
  }

  private static Model decode(String source, byte[] bytes) {
    try {
      double sigma = DnCnnCodec.sigmaOf(bytes);
      return new Model(source, sigma, DnCnnCodec.decode(bytes, sigma));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static void requireDistinctSigmas(List<Model> models) {
    for (int i = 0; i < models.size(); i++) {
      for (int j = 0; j < i; j++) {
        Model a = models.get(j);
        Model b = models.get(i);
        if (Math.abs(a.sigma() - b.sigma()) <= DnCnnDenoiser.SIGMA_RELATIVE_TOLERANCE * a.sigma()) {
          throw new IllegalArgumentException(b.source() + ": a model for sigma " + b.sigma() + " is already given ("
              + a.source() + ")");
        }
      }
    }
  }

  private static DnCnnBank loadBuiltIn() {
    List<Model> models = new ArrayList<>();
    for (String resource : BUILT_IN) {
      try (InputStream in = DnCnnBank.class.getResourceAsStream(resource)) {
        if (in != null) {
          models.add(decode("built-in " + resource.substring(resource.lastIndexOf('/') + 1), in.readAllBytes()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the built-in DnCNN model " + resource, e);
      }
    }
    return new DnCnnBank(models);
  }
}
