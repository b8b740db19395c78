package io.flep.encryption.testdata;

import io.flep.encryption.wiener.WienerProvider;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.context.PluginContext;
import java.util.Optional;

/** A plugin context with the {@code wiener} denoiser, as a host with the built-in plugins offers it. */
public final class TestContext {
  public static final PluginContext WIENER = id -> "wiener".equals(id)
      ? Optional.of(new WienerProvider().newDenoiser(PluginOptions.empty()))
      : Optional.empty();

  private TestContext() {}
}
