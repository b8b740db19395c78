package io.flep.plugin.host;

import io.flep.plugin.api.PluginKind;
import io.flep.plugin.api.context.PluginContext;
import io.flep.plugin.api.denoise.Denoiser;
import io.flep.plugin.api.denoise.DenoiserProvider;
import java.util.Optional;

/** The {@link PluginContext} a registry gives its plugins: every installed plugin, built in or dropped in. */
final class RegistryContext implements PluginContext {
  private final PluginRegistry registry;

  RegistryContext(PluginRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Optional<Denoiser> denoiser(String id) {
    if (registry.descriptor(id).filter(d -> d.kind() == PluginKind.DENOISER).isEmpty()) {
      return Optional.empty();
    }
    DenoiserProvider provider = registry.denoiser(id);
    return Optional.of(provider.newDenoiser(provider.parameters().defaults(id)));
  }
}
