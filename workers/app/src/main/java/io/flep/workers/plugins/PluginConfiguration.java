package io.flep.workers.plugins;

import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.config.FlepProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Built-in plugins plus every JAR in {@code flep.plugins-dir}, loaded once per process. */
@Configuration(proxyBeanMethods = false)
public class PluginConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(PluginConfiguration.class);

  @Bean
  PluginRegistry pluginRegistry(FlepProperties properties) {
    PluginRegistry registry = PluginRegistry.load(properties.pluginsDir(), PluginConfiguration.class.getClassLoader());
    registry.problems().forEach(p -> LOG.warn("plugin skipped: {}: {}", p.source(), p.reason()));
    return registry;
  }
}
