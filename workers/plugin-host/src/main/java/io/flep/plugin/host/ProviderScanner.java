package io.flep.plugin.host;

import io.flep.plugin.api.FlepPlugin;
import io.flep.plugin.api.PluginDescriptor;
import io.flep.plugin.api.PluginKind;
import io.flep.plugin.api.SpiVersion;
import io.flep.plugin.api.aead.AeadProvider;
import io.flep.plugin.api.denoise.DenoiserProvider;
import io.flep.plugin.api.he.HomomorphicSchemeProvider;
import io.flep.plugin.api.image.ImageCipherProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Spliterator;
import java.util.regex.Pattern;

/**
 * Reads provider metadata from one class loader with {@link ServiceLoader#stream()} and the {@link FlepPlugin}
 * annotation, never instantiating a provider, and records accepted plugins and problems.
 */
final class ProviderScanner {
  static final Map<PluginKind, Class<?>> SERVICES =
      Map.of(PluginKind.AEAD, AeadProvider.class, PluginKind.IMAGE_CIPHER, ImageCipherProvider.class, PluginKind.HOMOMORPHIC_SCHEME, HomomorphicSchemeProvider.class,
          PluginKind.DENOISER, DenoiserProvider.class);
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final int MAX_ERRORS_PER_SERVICE = 1000;

  private final Map<String, LoadedPlugin> plugins = new LinkedHashMap<>();
  private final List<PluginProblem> problems = new ArrayList<>();

  /**
   * Scans {@code loader} for every service kind.
   *
   * @return how many provider entries were found (accepted or not)
   */
  int scan(ClassLoader loader, String source, Path problemSource) {
    int seen = 0;
    for (PluginKind kind : PluginKind.values()) {
      seen += scan(kind, loader, source, problemSource);
    }
    return seen;
  }

  private int scan(PluginKind kind, ClassLoader loader, String source, Path problemSource) {
    Spliterator<? extends ServiceLoader.Provider<?>> providers =
        ServiceLoader.load(SERVICES.get(kind), loader).stream().spliterator();
    int seen = 0;
    int errors = 0;
    while (errors < MAX_ERRORS_PER_SERVICE) {
      List<ServiceLoader.Provider<?>> next = new ArrayList<>(1);
      try {
        if (!providers.tryAdvance(next::add)) {
          break;
        }
      } catch (ServiceConfigurationError | LinkageError e) {
        errors++;
        seen++;
        problems.add(new PluginProblem(problemSource, kind.displayName() + " provider failed to load: " + e));
        continue;
      }
      seen++;
      register(kind, next.get(0), source, problemSource);
    }
    return seen;
  }

  private void register(PluginKind kind, ServiceLoader.Provider<?> provider, String source, Path problemSource) {
    String className = "?";
    try {
      Class<?> type = provider.type();
      className = type.getName();
      FlepPlugin meta = type.getAnnotation(FlepPlugin.class);
      String problem = check(meta, className);
      if (problem == null) {
        LoadedPlugin existing = plugins.get(meta.id());
        if (existing != null) {
          problem = "duplicate plugin id '" + meta.id() + "' in " + className + ": already provided by "
              + existing.descriptor().source() + " (" + existing.className() + "); this one is ignored";
        }
      }
      if (problem != null) {
        problems.add(new PluginProblem(problemSource, problem));
        return;
      }
      plugins.put(meta.id(), new LoadedPlugin(PluginDescriptor.of(meta, kind, source), provider));
    } catch (LinkageError | RuntimeException e) {
      problems.add(new PluginProblem(problemSource, "provider class " + className + " failed to load: " + e));
    }
  }

  private static String check(FlepPlugin meta, String className) {
    if (meta == null) {
      return "provider class " + className + " has no @FlepPlugin annotation";
    }
    if (!ID.matcher(meta.id()).matches()) {
      return "provider class " + className + " has an invalid plugin id '" + meta.id()
          + "' (lower-case letters, digits, '.', '-', '_'; at most 64 characters)";
    }
    if (meta.spiVersion() != SpiVersion.CURRENT) {
      return "plugin '" + meta.id() + "' (" + className + ") was built for SPI version " + meta.spiVersion()
          + ", but this FLEP implements SPI version " + SpiVersion.CURRENT + " only: rebuild it against plugin-api "
          + SpiVersion.CURRENT;
    }
    return null;
  }

  Map<String, LoadedPlugin> plugins() {
    return plugins;
  }

  List<PluginProblem> problems() {
    return problems;
  }

  void addProblem(PluginProblem problem) {
    problems.add(problem);
  }
}
