package io.flep.plugin.api;

import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;

/**
 * Validates raw options against a provider's declared parameters, for the provider methods that accept raw
 * {@link PluginOptions}: they validate here, then call the typed method, so a plugin never sees an option it did not
 * declare, a value outside its domain or a typo ("unknown option 'treshold' for paillier; did you mean
 * 'threshold'?").
 */
public final class PluginParameters {
  private PluginParameters() {}

  /**
   * @param provider an instance of a class annotated with {@link FlepPlugin} (its id names the plugin in errors)
   * @throws io.flep.plugin.api.param.InvalidPluginOptionException naming the plugin, the option and the cause
   */
  public static ParameterValues validate(Object provider, ParameterSet parameters, PluginOptions raw) {
    return parameters.validate(idOf(provider), raw.asMap());
  }

  /** The {@link FlepPlugin#id()} of a provider, or its class's simple name if it is not annotated. */
  public static String idOf(Object provider) {
    FlepPlugin plugin = provider.getClass().getAnnotation(FlepPlugin.class);
    return plugin != null ? plugin.id() : provider.getClass().getSimpleName();
  }
}
