package io.flep.plugin.api;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What FLEP knows about an installed plugin, read from its {@link FlepPlugin} annotation without instantiating it.
 *
 * @param id unique plugin id
 * @param version plugin version
 * @param spiVersion SPI version the plugin was built against
 * @param kind which SPI it implements
 * @param capabilities capability tags (unmodifiable, in declaration order)
 * @param description one-line description
 * @param securityNote what the plugin guarantees, shown to users choosing it
 * @param source {@code "built-in"} or the path of the drop-in JAR it came from
 */
public record PluginDescriptor(
    String id,
    String version,
    int spiVersion,
    PluginKind kind,
    Set<String> capabilities,
    String description,
    String securityNote,
    String source) {

  /** The {@link #source()} of plugins found on the application class path. */
  public static final String BUILT_IN = "built-in";

  public PluginDescriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    capabilities = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(capabilities, "capabilities")));
    description = Objects.requireNonNullElse(description, "");
    securityNote = Objects.requireNonNullElse(securityNote, "");
  }

  /** Builds a descriptor from a provider's annotation. */
  public static PluginDescriptor of(FlepPlugin annotation, PluginKind kind, String source) {
    return new PluginDescriptor(
        annotation.id(),
        annotation.version(),
        annotation.spiVersion(),
        kind,
        new LinkedHashSet<>(List.of(annotation.capabilities())),
        annotation.description(),
        annotation.securityNote(),
        source);
  }

  /** Whether decryption verifies integrity before returning anything (capability {@code authenticated}). */
  public boolean authenticates() {
    return capabilities.contains(Capabilities.AUTHENTICATED);
  }

  /** Whether decryption is exact for every key (capability {@code exact-decryption}). */
  public boolean exactDecryption() {
    return capabilities.contains(Capabilities.EXACT_DECRYPTION);
  }

  /** Whether the plugin does not protect data (capability {@code not-secure}); FLEP warns wherever it is chosen. */
  public boolean notSecure() {
    return capabilities.contains(Capabilities.NOT_SECURE);
  }

  /** Whether the plugin came from the application class path rather than a drop-in JAR. */
  public boolean builtIn() {
    return BUILT_IN.equals(source);
  }
}
