package io.flep.plugin.host;

import io.flep.plugin.api.PluginDescriptor;
import io.flep.plugin.api.PluginKind;
import io.flep.plugin.api.aead.AeadProvider;
import io.flep.plugin.api.context.PluginContext;
import io.flep.plugin.api.denoise.DenoiserProvider;
import io.flep.plugin.api.he.HomomorphicSchemeProvider;
import io.flep.plugin.api.image.ImageCipherProvider;
import io.flep.plugin.api.param.ParameterSet;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The installed FLEP plugins: built-in providers found with {@link java.util.ServiceLoader} on a given class
 * loader, plus every {@code *.jar} in a drop-in folder, each in its own class loader that sees the JDK, the
 * SPI and the plugin's own libraries only ({@link DropInClassLoader}). Metadata comes from {@link io.flep.plugin.api.FlepPlugin} without instantiating anything;
 * providers are instantiated on first use and then shared, so they must be thread-safe.
 *
 * <p>Broken plugins never stop loading: each is skipped and reported in {@link #problems()} (no service entry, no
 * annotation, SPI too new, class that fails to load, duplicate id — first one wins — or unreadable JAR).
 * Built-ins are scanned first, then drop-ins in file-name order. Immutable after {@link #load}; thread-safe.
 */
public final class PluginRegistry implements AutoCloseable {
  private static final String NO_PLUGIN =
      "contains no FLEP plugin: no META-INF/services entry for " + ProviderScanner.SERVICES.values().stream()
          .map(Class::getName).sorted().collect(Collectors.joining(", "));

  private final Map<String, LoadedPlugin> plugins;
  private final List<PluginProblem> problems;
  private final List<URLClassLoader> loaders;
  private final PluginContext context = new RegistryContext(this);

  private PluginRegistry(Map<String, LoadedPlugin> plugins, List<PluginProblem> problems, List<URLClassLoader> loaders) {
    this.plugins = Collections.unmodifiableMap(new LinkedHashMap<>(plugins));
    this.problems = List.copyOf(problems);
    this.loaders = List.copyOf(loaders);
  }

  /**
   * Loads built-ins visible to {@code builtIns} and the drop-in JARs in {@code dropInDir}.
   *
   * @param dropInDir folder of drop-in JARs; {@code null} or a missing folder means none
   * @param builtIns class loader whose {@code META-INF/services} entries are the built-in plugins
   */
  public static PluginRegistry load(Path dropInDir, ClassLoader builtIns) {
    ProviderScanner scanner = new ProviderScanner();
    scanner.scan(builtIns, PluginDescriptor.BUILT_IN, PluginProblem.BUILT_IN);
    List<URLClassLoader> loaders = new ArrayList<>();
    for (Path jar : dropIns(dropInDir, scanner)) {
      loadJar(jar, scanner, loaders);
    }
    return new PluginRegistry(scanner.plugins(), scanner.problems(), loaders);
  }

  private static List<Path> dropIns(Path dir, ProviderScanner scanner) {
    if (dir == null || !Files.exists(dir)) {
      return List.of();
    }
    if (!Files.isDirectory(dir)) {
      scanner.addProblem(new PluginProblem(dir, "plugin folder is not a directory"));
      return List.of();
    }
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
      files.forEach(jars::add);
    } catch (IOException e) {
      scanner.addProblem(new PluginProblem(dir, "cannot list plugin folder: " + e));
    }
    jars.sort(Path::compareTo);
    return jars;
  }

  private static void loadJar(Path jar, ProviderScanner scanner, List<URLClassLoader> loaders) {
    try (JarFile file = new JarFile(jar.toFile())) {
      boolean hasEntry = ProviderScanner.SERVICES.values().stream()
          .anyMatch(s -> file.getEntry("META-INF/services/" + s.getName()) != null);
      if (!hasEntry) {
        scanner.addProblem(new PluginProblem(jar, NO_PLUGIN));
        return;
      }
    } catch (IOException | SecurityException e) {
      scanner.addProblem(new PluginProblem(jar, "unreadable or corrupt jar: " + e.getMessage()));
      return;
    }
    URLClassLoader loader;
    try {
      loader = DropInClassLoader.of(jar, PluginRegistry.class.getClassLoader());
    } catch (IOException e) {
      scanner.addProblem(new PluginProblem(jar, "cannot open jar: " + e.getMessage()));
      return;
    }
    int before = scanner.plugins().size();
    if (scanner.scan(loader, jar.toString(), jar) == 0) {
      scanner.addProblem(new PluginProblem(jar, "contains no FLEP plugin: its service entries list no provider class"));
    }
    if (scanner.plugins().size() > before) {
      loaders.add(loader);
    } else {
      closeQuietly(loader);
    }
  }

  /** Descriptors of all accepted plugins, built-ins first. */
  public List<PluginDescriptor> installed() {
    return plugins.values().stream().map(LoadedPlugin::descriptor).toList();
  }

  /** Everything that was skipped, and why. */
  public List<PluginProblem> problems() {
    return problems;
  }

  public Optional<PluginDescriptor> descriptor(String id) {
    return Optional.ofNullable(plugins.get(id)).map(LoadedPlugin::descriptor);
  }

  /**
   * The AEAD provider with this id, instantiated on first use.
   *
   * @throws UnknownPluginException if no AEAD has this id
   * @throws IllegalStateException if the provider's constructor fails
   */
  public AeadProvider aead(String id) {
    return (AeadProvider) find(id, PluginKind.AEAD).instance();
  }

  /**
   * The image-cipher provider with this id, instantiated on first use.
   *
   * @throws UnknownPluginException if no image cipher has this id
   * @throws IllegalStateException if the provider's constructor fails
   */
  public ImageCipherProvider imageCipher(String id) {
    return (ImageCipherProvider) find(id, PluginKind.IMAGE_CIPHER).instance();
  }

  /**
   * The kind of the data cipher with this id: {@link PluginKind#AEAD} or {@link PluginKind#IMAGE_CIPHER}, either of
   * which can encrypt a run's data.
   *
   * @throws UnknownPluginException naming the installed data ciphers of both kinds if none has this id
   */
  public PluginKind dataCipherKind(String id) {
    LoadedPlugin plugin = plugins.get(id);
    if (plugin != null && plugin.descriptor().kind().isDataCipher()) {
      return plugin.descriptor().kind();
    }
    List<String> ids = plugins.values().stream().map(LoadedPlugin::descriptor).filter(d -> d.kind().isDataCipher())
        .map(PluginDescriptor::id).toList();
    throw new UnknownPluginException(id, "data cipher", ids,
        Optional.ofNullable(plugin).map(p -> p.descriptor().kind()), problems);
  }

  /** The context plugins get from this registry: the other installed plugins, each with its default options. */
  public PluginContext context() {
    return context;
  }

  /**
   * The homomorphic-scheme provider with this id, instantiated on first use.
   *
   * @throws UnknownPluginException if no homomorphic scheme has this id
   * @throws IllegalStateException if the provider's constructor fails
   */
  public HomomorphicSchemeProvider homomorphicScheme(String id) {
    return (HomomorphicSchemeProvider) find(id, PluginKind.HOMOMORPHIC_SCHEME).instance();
  }

  /**
   * The denoiser with this id.
   *
   * @throws UnknownPluginException naming the installed denoisers and skipped drop-ins
   */
  public DenoiserProvider denoiser(String id) {
    return (DenoiserProvider) find(id, PluginKind.DENOISER).instance();
  }

  /**
   * The options the plugin declares, whatever its kind; instantiates the provider on first use.
   *
   * @throws UnknownPluginException if no plugin has this id
   * @throws IllegalStateException if the provider's constructor fails
   */
  public ParameterSet parameters(String id) {
    LoadedPlugin plugin = plugins.get(id);
    if (plugin == null) {
      throw new UnknownPluginException(id, "plugin", plugins.keySet(), Optional.empty(), problems);
    }
    return switch (plugin.instance()) {
      case AeadProvider p -> p.parameters();
      case ImageCipherProvider p -> p.parameters();
      case HomomorphicSchemeProvider p -> p.parameters();
      case DenoiserProvider p -> p.parameters();
      default -> ParameterSet.none();
    };
  }

  private LoadedPlugin find(String id, PluginKind kind) {
    LoadedPlugin plugin = plugins.get(id);
    if (plugin != null && plugin.descriptor().kind() == kind) {
      return plugin;
    }
    List<String> ids = plugins.values().stream()
        .map(LoadedPlugin::descriptor).filter(d -> d.kind() == kind).map(PluginDescriptor::id).toList();
    throw new UnknownPluginException(
        id, kind, ids, Optional.ofNullable(plugin).map(p -> p.descriptor().kind()), problems);
  }

  /** Closes the drop-in class loaders; providers already handed out may stop working. */
  @Override
  public void close() {
    loaders.forEach(PluginRegistry::closeQuietly);
  }

  private static void closeQuietly(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      // nothing useful to do: the loader holds only a read-only jar handle
    }
  }
}
