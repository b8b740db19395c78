package io.flep.plugin.api.denoise;

import io.flep.plugin.api.PluginOptions;

/**
 * SPI for denoisers (e.g. the noise layer of the FLEP three-layer cipher). Implementations are annotated with
 * {@link io.flep.plugin.api.FlepPlugin}, have a public no-argument constructor, are listed in
 * {@code META-INF/services/io.flep.plugin.api.denoise.DenoiserProvider} and must be thread-safe.
 */
public interface DenoiserProvider {

  /**
   * @throws IllegalArgumentException if an option is invalid (the message names it)
   */
  Denoiser newDenoiser(PluginOptions options);
}
