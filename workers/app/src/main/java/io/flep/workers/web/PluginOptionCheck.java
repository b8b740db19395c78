package io.flep.workers.web;

import io.flep.plugin.api.param.InvalidPluginOptionException;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.run.RunRequest;
import io.flep.workers.task.PluginDefaults;
import org.springframework.stereotype.Component;

/**
 * Checks a run's plugin options against the chosen (or default) plugins' declared parameters before the run
 * starts, as {@code ./flep run} does. A plugin that is not installed is left to the run to report.
 */
@Component
class PluginOptionCheck {
  private final PluginRegistry plugins;

  PluginOptionCheck(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  /** @throws InvalidRunOptionException naming the option, e.g. {@code heSchemeOptions.treshold} */
  void check(RunRequest request) {
    String cipherId = request.dataCipher() != null ? request.dataCipher() : PluginDefaults.DATA_CIPHER;
    String schemeId = request.heScheme() != null ? request.heScheme() : PluginDefaults.HE_SCHEME;
    try {
      if (plugins.descriptor(cipherId).filter(d -> d.kind().isDataCipher()).isPresent()) {
        plugins.parameters(cipherId).validate(cipherId, request.dataCipherOptions(), "dataCipherOptions");
      }
      if (plugins.descriptor(schemeId).isPresent()) {
        plugins.homomorphicScheme(schemeId).parameters()
            .validate(schemeId, request.heSchemeOptions(), "heSchemeOptions");
      }
    } catch (InvalidPluginOptionException e) {
      String field = e.source().orElse("plugin options") + (e.optionName() == null ? "" : "." + e.optionName());
      throw new InvalidRunOptionException(field, e.getMessage());
    }
  }
}
