package io.flep.encryption.dncnn;

import io.flep.plugin.api.FlepPlugin;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.denoise.Denoiser;
import io.flep.plugin.api.denoise.DenoiserProvider;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code dncnn} denoiser: the paper's 9-layer DnCNN ({@link DnCnnModel}), one trained model per noise level.
 * Without options it uses the models shipped with FLEP (σ = 25 for the paper's decryption order, σ = 25 / 0.7 ≈
 * 35.71 for the reordered one at the default α = 0.3; {@code docs/dncnn-training.md}). Option {@code model}: one
 * or more model files from {@code flep denoiser train}, comma-separated, used instead. Option {@code ensemble}: 1
 * (default), 2, 4 or 8 orientations averaged per image ({@link SelfEnsemble}; more quality, that many times the
 * time).
 */
@FlepPlugin(
    id = DnCnnProvider.ID,
    version = "1.0.0",
    capabilities = {"awgn", "cnn"},
    description = "DnCNN (9 layers, 64 maps, residual; DL4J) trained on the shared photos; built-in models for"
        + " sigma 25 and 35.71, option model=FILE[,FILE...] for others, ensemble=2|4|8 for the flip/rotation"
        + " self-ensemble",
    securityNote = "A denoiser, not a security mechanism.")
public final class DnCnnProvider implements DenoiserProvider {
  public static final String ID = "dncnn";

  @Override
  public Denoiser newDenoiser(PluginOptions options) {
    for (String name : options.names()) {
      if (!name.equals("model") && !name.equals("ensemble")) {
        throw new IllegalArgumentException("unknown dncnn option '" + name + "' (known: model, ensemble)");
      }
    }
    int ensemble = ensembleSize(options.getString("ensemble", "1"));
    String files = options.getString("model", "").trim();
    if (files.isEmpty()) {
      return SelfEnsemble.of(DnCnnBank.builtIn(), ensemble);
    }
    List<Path> paths = Arrays.stream(files.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of)
        .toList();
    return SelfEnsemble.of(DnCnnBank.of(paths), ensemble);
  }

  private static int ensembleSize(String value) {
    try {
      int size = Integer.parseInt(value.trim());
      SelfEnsemble.orientations(size);
      return size;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dncnn option ensemble must be 1, 2, 4 or 8 (orientations averaged per"
          + " image), got '" + value + "'", e);
    }
  }
}
