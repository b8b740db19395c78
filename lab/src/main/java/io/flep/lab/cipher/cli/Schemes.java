package io.flep.lab.cipher.cli;

import io.flep.plugin.api.PluginDescriptor;
import io.flep.plugin.api.PluginKind;
import io.flep.plugin.host.PluginRegistry;
import io.flep.plugin.host.UnknownPluginException;
import io.flep.workers.failure.BadInputException;
import java.nio.file.Path;
import java.util.List;

/**
 * The data-cipher plugins a {@code flep cipher} command sees: the built-ins plus the drop-in folder, loaded
 * without Spring like {@code flep plugins} does. Image ciphers encrypt images (their
 * {@link CipherPlugin#newImageCipher} works); AEADs encrypt bytes.
 */
final class Schemes implements AutoCloseable {

  private final PluginRegistry registry;

  private Schemes(PluginRegistry registry) {
    this.registry = registry;
  }

  static Schemes load(Path pluginsDir) {
    return new Schemes(PluginRegistry.load(pluginsDir, Schemes.class.getClassLoader()));
  }

  /**
   * The provider of {@code id}.
   *
   * @throws BadInputException naming the installed data ciphers if {@code id} is not one
   */
  CipherPlugin provider(String id) {
    try {
      return CipherPlugin.of(registry, id);
    } catch (UnknownPluginException e) {
      throw new BadInputException("unknown scheme: " + e.getMessage(), e);
    }
  }

  /** Prints the plugin's security note on {@code err} when it declares itself not secure. */
  void warnIfNotSecure(String id, java.io.PrintStream err) {
    registry.descriptor(id)
        .filter(PluginDescriptor::notSecure)
        .ifPresent(d -> err.println("flep: warning: " + id + " does not protect data. " + d.securityNote()));
  }

  boolean isImageScheme(String id) {
    return registry.descriptor(id).map(d -> d.kind() == PluginKind.IMAGE_CIPHER).orElse(false);
  }

  /** Ids of the installed image schemes, in registry order. */
  List<String> imageSchemes() {
    return registry.installed().stream()
        .filter(d -> d.kind() == PluginKind.IMAGE_CIPHER)
        .map(PluginDescriptor::id)
        .toList();
  }

  @Override
  public void close() {
    registry.close();
  }
}
