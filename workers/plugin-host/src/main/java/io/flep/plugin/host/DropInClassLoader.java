package io.flep.plugin.host;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * Class loader for one drop-in plugin: {@code <name>.jar} and the JARs in a folder {@code <name>/} beside it (the
 * plugin's own libraries). It sees the JDK (its parent is the platform class loader) and the SPI packages
 * {@code io.flep.plugin.api.*}, taken from the host so that plugin and host share the SPI types — and nothing else
 * of the host: not Spring, not DL4J, not Bouncy Castle, not the host's own classes. A plugin that needs a library
 * brings it. {@code META-INF/services} lookups see only the plugin's own JARs.
 */
final class DropInClassLoader extends URLClassLoader {
  private static final String SPI_PACKAGE = "io.flep.plugin.api.";
  private static final String SPI_RESOURCES = "io/flep/plugin/api/";

  private final ClassLoader spi;

  private DropInClassLoader(Path jar, URL[] urls, ClassLoader spi) {
    super("flep-plugin:" + jar.getFileName(), urls, ClassLoader.getPlatformClassLoader());
    this.spi = spi;
  }

  /**
   * @param jar the plugin JAR
   * @param spi the class loader the host loaded the SPI with
   * @throws IOException if the folder of the plugin's libraries cannot be listed
   */
  static DropInClassLoader of(Path jar, ClassLoader spi) throws IOException {
    List<URL> urls = new ArrayList<>();
    urls.add(jar.toUri().toURL());
    for (Path lib : libraries(jar)) {
      urls.add(lib.toUri().toURL());
    }
    return new DropInClassLoader(jar, urls.toArray(URL[]::new), spi);
  }

  /** The JARs in the folder named like the plugin JAR without {@code .jar}, sorted; none if there is no folder. */
  static List<Path> libraries(Path jar) throws IOException {
    String name = jar.getFileName().toString();
    Path dir = jar.resolveSibling(name.substring(0, name.length() - ".jar".length()));
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> libs = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
      files.forEach(libs::add);
    }
    libs.sort(Path::compareTo);
    return libs;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(SPI_PACKAGE)) {
      return spi.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }

  @Override
  public URL getResource(String name) {
    return name.startsWith(SPI_RESOURCES) ? spi.getResource(name) : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return name.startsWith("META-INF/services/") ? findResources(name) : super.getResources(name);
  }
}
