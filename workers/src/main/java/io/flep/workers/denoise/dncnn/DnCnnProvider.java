package io.flep.workers.denoise.dncnn;

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
 * or more model files from {@code flep denoiser train}, comma-separated, used instead.
 */
@FlepPlugin(
    id = DnCnnProvider.ID,
    version = "1.0.0",
    capabilities = {"awgn", "cnn"},
    description = "DnCNN (9 layers, 64 maps, residual; DL4J) trained on the shared photos; built-in models for"
        + " sigma 25 and 35.71, option model=FILE[,FILE...] for others",
    securityNote = "A denoiser, not a security mechanism.")
public final class DnCnnProvider implements DenoiserProvider {
  public static final String ID = "dncnn";

  @Override
  public Denoiser newDenoiser(PluginOptions options) {
    for (String name : options.names()) {
      if (!name.equals("model")) {
        throw new IllegalArgumentException("unknown dncnn option '" + name + "' (known: model)");
      }
    }
    String files = options.getString("model", "").trim();
    if (files.isEmpty()) {
      return DnCnnBank.builtIn();
    }
    List<Path> paths = Arrays.stream(files.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of)
        .toList();
    return DnCnnBank.of(paths);
  }
}
