package io.flep.plugin.host;

import static io.flep.plugin.host.PluginSources.CIPHER_SPI;
import static io.flep.plugin.host.PluginSources.HE_SPI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.plugin.api.PluginDescriptor;
import io.flep.plugin.api.PluginKind;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.aead.Aead;
import io.flep.plugin.api.aead.AeadProvider;
import io.flep.plugin.api.key.KeyMaterial;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds real drop-in JARs at test time and loads them. */
class PluginRegistryTest {
  @TempDir static Path work;
  static Path classes;

  @TempDir Path plugins;

  @BeforeAll
  static void compilePlugins() throws Exception {
    classes = TestJars.compile(work, PluginSources.all());
  }

  private Path jar(String name, String pkg, Map<String, String> services) throws Exception {
    return TestJars.jar(plugins.resolve(name), classes, pkg, services);
  }

  private static ClassLoader noBuiltIns() {
    return new URLClassLoader(new URL[0], PluginRegistry.class.getClassLoader());
  }

  @Test
  void validDropInIsFoundAndUsableInItsOwnClassLoader() throws Exception {
    Path good = jar("good.jar", "demo/good", Map.of(CIPHER_SPI, "# comment\ndemo.good.XorProvider\n"));

    try (PluginRegistry registry = PluginRegistry.load(plugins, noBuiltIns())) {
      assertThat(registry.problems()).isEmpty();
      PluginDescriptor d = registry.descriptor("xor-demo").orElseThrow();
      assertThat(d.kind()).isEqualTo(PluginKind.AEAD);
      assertThat(d.source()).isEqualTo(good.toString());
      assertThat(d.capabilities()).containsExactly("toy");
      assertThat(d.securityNote()).isEqualTo("no security at all");
      assertThat(d.spiVersion()).isEqualTo(3);
      assertThat(registry.installed()).containsExactly(d);

      AeadProvider provider = registry.aead("xor-demo");
      ClassLoader own = provider.getClass().getClassLoader();
      assertThat(own).isInstanceOf(DropInClassLoader.class).isNotSameAs(getClass().getClassLoader());
      assertThat(own.getParent()).as("the JDK only; the SPI comes from the host").isSameAs(ClassLoader.getPlatformClassLoader());
      assertThat(registry.aead("xor-demo")).as("instantiated once, then shared").isSameAs(provider);

      KeyMaterial key = provider.generateKey(PluginOptions.empty(), new SecureRandom());
      Aead cipher = provider.newAead(key);
      byte[] message = "sensor 7: 21.5 C".getBytes(StandardCharsets.UTF_8);
      byte[] encrypted = cipher.encrypt(message, null);
      assertThat(encrypted).isNotEqualTo(message);
      assertThat(cipher.decrypt(encrypted, null)).isEqualTo(message);
    }
  }

  @Test
  void aDropInSeesTheJdkTheSpiAndItsOwnLibrariesButNothingElseOfTheHost() throws Exception {
    jar("probe.jar", "demo/probe", Map.of(CIPHER_SPI, "demo.probe.ProbeProvider"));
    Files.createDirectories(plugins.resolve("probe"));
    TestJars.jar(plugins.resolve("probe").resolve("greeting.jar"), classes, "demo/lib", Map.of());

    try (PluginRegistry registry = PluginRegistry.load(plugins, noBuiltIns())) {
      var probe = registry.aead("probe");
      for (String hostClass : List.of(PluginRegistry.class.getName(), "org.assertj.core.api.Assertions",
          "org.junit.jupiter.api.Test")) {
        assertThat(Class.forName(hostClass)).as("on the host's class path").isNotNull();
        assertThatThrownBy(() -> probe.generateKey(PluginOptions.of(Map.of("probe", hostClass)), new SecureRandom()))
            .hasMessage("not visible: " + hostClass);
      }
      for (String shared : List.of("java.util.List", "javax.crypto.Cipher", "java.awt.image.BufferedImage",
          PluginOptions.class.getName())) {
        assertThatThrownBy(() -> probe.generateKey(PluginOptions.of(Map.of("probe", shared)), new SecureRandom()))
            .hasMessage("visible: " + shared);
      }
      assertThatThrownBy(() -> probe.newAead(null)).hasMessage("hello from the plugin's own library");
    }
  }

  @Test
  void nonPluginJarIsReportedWithPathAndReasonWhileOthersLoad() throws Exception {
    Path notes = jar("a-notes.jar", null, Map.of());
    jar("good.jar", "demo/good", Map.of(CIPHER_SPI, "demo.good.XorProvider"));

    try (PluginRegistry registry = PluginRegistry.load(plugins, noBuiltIns())) {
      assertThat(registry.installed()).extracting(PluginDescriptor::id).containsExactly("xor-demo");
      assertThat(registry.problems()).singleElement().satisfies(p -> {
        assertThat(p.source()).isEqualTo(notes);
        assertThat(p.reason()).isEqualTo("contains no FLEP plugin: no META-INF/services entry for"
            + " io.flep.plugin.api.aead.AeadProvider, io.flep.plugin.api.denoise.DenoiserProvider,"
            + " io.flep.plugin.api.he.HomomorphicSchemeProvider, io.flep.plugin.api.image.ImageCipherProvider");
      });
      assertThatThrownBy(() -> registry.aead("foo"))
          .isInstanceOf(UnknownPluginException.class)
          .hasMessageStartingWith("AEAD 'foo' is not installed (installed: xor-demo); skipped plugins: ")
          .hasMessageContaining(notes + ": contains no FLEP plugin");
    }
  }

  @Test
  void aPluginBuiltForAnotherSpiVersionIsRefusedNamingBothVersions() throws Exception {
    Path future = jar("future.jar", "demo/future", Map.of(CIPHER_SPI, "demo.future.XorProvider"));
    Path old = jar("old.jar", "demo/old", Map.of(CIPHER_SPI, "demo.old.XorProvider"));

    try (PluginRegistry registry = PluginRegistry.load(plugins, noBuiltIns())) {
      assertThat(registry.installed()).isEmpty();
      assertThat(registry.problems()).containsExactly(
          new PluginProblem(future, "plugin 'future-xor' (demo.future.XorProvider) was built for SPI version 4,"
              + " but this FLEP implements SPI version 3 only: rebuild it against plugin-api 3"),
          new PluginProblem(old, "plugin 'old-xor' (demo.old.XorProvider) was built for SPI version 1,"
              + " but this FLEP implements SPI version 3 only: rebuild it against plugin-api 3"));
    }
  }

  @Test
  void corruptAndEmptyFilesNamedJarAreReported() throws Exception {
    byte[] garbage = new byte[512];
    new Random(42).nextBytes(garbage);
    Path corrupt = Files.write(plugins.resolve("corrupt.jar"), garbage);
    Path empty = Files.write(plugins.resolve("empty.jar"), new byte[0]);
    jar("good.jar", "demo/good", Map.of(CIPHER_SPI, "demo.good.XorProvider"));

    try (PluginRegistry registry = PluginRegistry.load(plugins, noBuiltIns())) {
      assertThat(registry.installed()).extracting(PluginDescriptor::id).containsExactly("xor-demo");
      assertThat(registry.problems()).extracting(PluginProblem::source).containsExactly(corrupt, empty);
      assertThat(registry.problems()).allSatisfy(p -> assertThat(p.reason()).startsWith("unreadable or corrupt jar: "));
    }
  }

  @Test
  void unannotatedProviderAndMissingClassAreReported() throws Exception {
    Path plain = jar("plain.jar", "demo/plain", Map.of(CIPHER_SPI, "demo.plain.PlainProvider"));
    Path missing = jar("missing.jar", "demo/good", Map.of(CIPHER_SPI, "demo.good.DoesNotExist\ndemo.good.XorProvider"));

    try (PluginRegistry registry = PluginRegistry.load(plugins, noBuiltIns())) {
      assertThat(registry.installed()).extracting(PluginDescriptor::id)
          .as("the valid entry after the missing one still loads").containsExactly("xor-demo");
      assertThat(registry.problems()).hasSize(2);
      assertThat(registry.problems().get(0).source()).isEqualTo(missing);
      assertThat(registry.problems().get(0).reason())
          .startsWith("AEAD provider failed to load: ").contains("demo.good.DoesNotExist");
      assertThat(registry.problems().get(1))
          .isEqualTo(new PluginProblem(plain, "provider class demo.plain.PlainProvider has no @FlepPlugin annotation"));
    }
  }

  @Test
  void duplicateIdFirstWinsAndBuiltInsComeFirst() throws Exception {
    Path builtInJar = TestJars.jar(work.resolve("builtin-classpath.jar"), classes, "demo/builtin",
        Map.of(CIPHER_SPI, "demo.builtin.XorProvider"));
    jar("a.jar", "demo/good", Map.of(CIPHER_SPI, "demo.good.XorProvider"));
    Path dup = jar("b.jar", "demo/dup", Map.of(CIPHER_SPI, "demo.dup.XorProvider"));

    try (URLClassLoader builtIns = new URLClassLoader(new URL[] {builtInJar.toUri().toURL()}, PluginRegistry.class.getClassLoader());
        PluginRegistry registry = PluginRegistry.load(plugins, builtIns)) {
      assertThat(registry.installed()).extracting(PluginDescriptor::id).containsExactly("builtin-xor", "xor-demo");
      assertThat(registry.descriptor("builtin-xor").orElseThrow().builtIn()).isTrue();
      assertThat(registry.aead("xor-demo").getClass().getName()).isEqualTo("demo.good.XorProvider");
      assertThat(registry.problems()).singleElement().satisfies(p -> {
        assertThat(p.source()).isEqualTo(dup);
        assertThat(p.reason()).isEqualTo("duplicate plugin id 'xor-demo' in demo.dup.XorProvider: already provided by "
            + plugins.resolve("a.jar") + " (demo.good.XorProvider); this one is ignored");
      });
    }
  }

  @Test
  void providersAreInstantiatedLazilyAndKindsAreChecked() throws Exception {
    jar("he.jar", "demo/exploding", Map.of(HE_SPI, "demo.exploding.ExplodingProvider"));

    try (PluginRegistry registry = PluginRegistry.load(plugins, noBuiltIns())) {
      assertThat(registry.problems()).isEmpty();
      assertThat(registry.descriptor("exploding-he")).get()
          .extracting(PluginDescriptor::kind).isEqualTo(PluginKind.HOMOMORPHIC_SCHEME);
      assertThatThrownBy(() -> registry.homomorphicScheme("exploding-he"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("homomorphic scheme 'exploding-he'")
          .hasMessageContaining("failed to start")
          .hasMessageContaining("boom in constructor");
      assertThatThrownBy(() -> registry.aead("exploding-he"))
          .isInstanceOf(UnknownPluginException.class)
          .hasMessage("AEAD 'exploding-he' is not installed (installed: none); 'exploding-he' is a homomorphic scheme");
    }
  }

  @Test
  void missingFolderMeansNoDropIns() {
    try (PluginRegistry registry = PluginRegistry.load(plugins.resolve("absent"), noBuiltIns())) {
      assertThat(registry.installed()).isEmpty();
      assertThat(registry.problems()).isEmpty();
      assertThatThrownBy(() -> registry.homomorphicScheme("paillier"))
          .isInstanceOf(UnknownPluginException.class)
          .hasMessage("homomorphic scheme 'paillier' is not installed (installed: none)");
    }
  }

  @Test
  void folderThatIsAFileIsReported() throws Exception {
    Path file = Files.writeString(plugins.resolve("plugins"), "not a folder");
    try (PluginRegistry registry = PluginRegistry.load(file, noBuiltIns())) {
      assertThat(registry.problems()).containsExactly(new PluginProblem(file, "plugin folder is not a directory"));
    }
  }
}
