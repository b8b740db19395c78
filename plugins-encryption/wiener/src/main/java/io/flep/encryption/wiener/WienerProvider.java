package io.flep.encryption.wiener;

import io.flep.plugin.api.FlepPlugin;
import io.flep.plugin.api.denoise.Denoiser;
import io.flep.plugin.api.denoise.DenoiserProvider;
import io.flep.plugin.api.param.IntegerParameter;
import io.flep.plugin.api.param.Parameter;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;

/**
 * The {@code wiener} denoiser: the classical adaptive local Wiener filter ({@link WienerFilter}), the classical
 * baseline next to the paper's DnCNN ({@code dncnn}, built into the workers) and the default denoiser of
 * {@code flep-3layer} keys, as it needs no trained model. Option {@code window}: odd side of the local
 * window, 3..31, default 5.
 */
@FlepPlugin(
    id = WienerProvider.ID,
    version = "1.0.0",
    capabilities = {"awgn", "classical"},
    description = "Adaptive local Wiener filter (Lim 1990, wiener2-style); the classical baseline to dncnn",
    securityNote = "A denoiser, not a security mechanism.")
public final class WienerProvider implements DenoiserProvider {
  public static final String ID = "wiener";
  static final int DEFAULT_WINDOW = 5;

  static final IntegerParameter WINDOW = Parameter.integer("window")
      .range(3, 31).odd().defaultValue(DEFAULT_WINDOW)
      .description("side of the square local window in pixels");
  private static final ParameterSet PARAMETERS = ParameterSet.of(WINDOW);

  @Override
  public ParameterSet parameters() {
    return PARAMETERS;
  }

  @Override
  public Denoiser newDenoiser(ParameterValues options) {
    return new WienerFilter(options.get(WINDOW));
  }
}
