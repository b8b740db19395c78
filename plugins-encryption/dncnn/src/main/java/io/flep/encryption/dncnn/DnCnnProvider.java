package io.flep.encryption.dncnn;

import io.flep.plugin.api.FlepPlugin;
import io.flep.plugin.api.denoise.Denoiser;
import io.flep.plugin.api.denoise.DenoiserProvider;
import io.flep.plugin.api.param.IntegerParameter;
import io.flep.plugin.api.param.ListParameter;
import io.flep.plugin.api.param.Parameter;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;
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

  static final ListParameter<Path> MODEL = Parameter.pathList("model")
      .description("model files from 'flep denoiser train', one per sigma, instead of the built-in ones"
          + " (sigma 25 and 35.71)");
  static final IntegerParameter ENSEMBLE = Parameter.integer("ensemble")
      .oneOf(1, 2, 4, 8).defaultValue(1)
      .description("flip/rotation orientations averaged per image: better quality, that many times the time");
  private static final ParameterSet PARAMETERS = ParameterSet.of(MODEL, ENSEMBLE);

  @Override
  public ParameterSet parameters() {
    return PARAMETERS;
  }

  @Override
  public Denoiser newDenoiser(ParameterValues options) {
    int ensemble = options.get(ENSEMBLE);
    List<Path> files = options.find(MODEL).orElse(List.of());
    return SelfEnsemble.of(files.isEmpty() ? DnCnnBank.builtIn() : DnCnnBank.of(files), ensemble);
  }
}
