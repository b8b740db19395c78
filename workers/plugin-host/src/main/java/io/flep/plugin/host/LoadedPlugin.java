package io.flep.plugin.host;

import io.flep.plugin.api.PluginDescriptor;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** A registered provider: its descriptor now, its instance on first use (then cached). Thread-safe. */
final class LoadedPlugin {
  private final PluginDescriptor descriptor;
  private final ServiceLoader.Provider<?> provider;
  private Object instance;

  LoadedPlugin(PluginDescriptor descriptor, ServiceLoader.Provider<?> provider) {
    this.descriptor = descriptor;
    this.provider = provider;
  }

  PluginDescriptor descriptor() {
    return descriptor;
  }

  String className() {
    return provider.type().getName();
  }

  synchronized Object instance() {
    if (instance == null) {
      try {
        instance = provider.get();
      } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        throw new IllegalStateException(
            descriptor.kind().displayName() + " '" + descriptor.id() + "' from " + descriptor.source()
                + " failed to start: " + root, e);
      }
    }
    return instance;
  }
}
