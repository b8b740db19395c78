package io.flep.plugin.api.denoise;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.PluginParameters;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;

/**
 * SPI for denoisers (e.g. the noise layer of the FLEP three-layer cipher). Implementations are annotated with
 * {@link io.flep.plugin.api.FlepPlugin}, have a public no-argument constructor, are listed in
 * {@code META-INF/services/io.flep.plugin.api.denoise.DenoiserProvider} and must be thread-safe.
 */
public interface DenoiserProvider {

  /** The options this denoiser takes; the host validates every option against them. */
  default ParameterSet parameters() {
    return ParameterSet.none();
  }

  /** A denoiser with the given, validated options. */
  Denoiser newDenoiser(ParameterValues options);

  /**
   * Validates raw options against {@link #parameters()}, then builds the denoiser.
   *
   * @throws io.flep.plugin.api.param.InvalidPluginOptionException for an unknown option or a value outside its domain
   */
  default Denoiser newDenoiser(PluginOptions options) {
    return newDenoiser(PluginParameters.validate(this, parameters(), options));
  }
}
