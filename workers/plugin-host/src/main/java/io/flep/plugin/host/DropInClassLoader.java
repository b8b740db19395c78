package io.flep.plugin.host;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Enumeration;

/**
 * Class loader for one drop-in JAR. Classes delegate to the parent (the plugin API's loader) as usual, but
 * {@code META-INF/services} lookups see only this JAR, so a drop-in never re-reports the built-in providers.
 */
final class DropInClassLoader extends URLClassLoader {
  private static final String SERVICES = "META-INF/services/";

  DropInClassLoader(Path jar, ClassLoader parent) throws IOException {
    super("flep-plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, parent);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return name.startsWith(SERVICES) ? findResources(name) : super.getResources(name);
  }
}
