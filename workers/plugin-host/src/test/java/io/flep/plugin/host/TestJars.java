package io.flep.plugin.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.plugin.api.FlepPlugin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles plugin sources against the plugin API at test time and packs them into drop-in JARs. */
public final class TestJars {
  private TestJars() {}

  /** Compiles {@code sources} (fully qualified class name → source) into a fresh directory. */
  public static Path compile(Path workDir, Map<String, String> sources) throws IOException {
    Path src = Files.createDirectories(workDir.resolve("src"));
    Path classes = Files.createDirectories(workDir.resolve("classes"));
    List<String> args = new ArrayList<>(List.of("--release", "21", "-classpath", apiClasses().toString(), "-d", classes.toString()));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("tests need a JDK with javac").isNotNull();
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac exit code").isZero();
    return classes;
  }

  /**
   * Writes a JAR with the class files under {@code packageDir} of {@code classes} and the given
   * {@code META-INF/services} files (service interface name → file content).
   */
  public static Path jar(Path target, Path classes, String packageDir, Map<String, String> services) throws IOException {
    try (OutputStream out = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(out)) {
      if (packageDir != null) {
        try (Stream<Path> files = Files.walk(classes.resolve(packageDir))) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
            jar.write(Files.readAllBytes(f));
            jar.closeEntry();
          }
        }
      }
      for (Map.Entry<String, String> s : services.entrySet()) {
        jar.putNextEntry(new JarEntry("META-INF/services/" + s.getKey()));
        jar.write(s.getValue().getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
      }
      jar.putNextEntry(new JarEntry("README.txt"));
      jar.write("test jar".getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    return target;
  }

  private static Path apiClasses() {
    try {
      return Path.of(FlepPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
