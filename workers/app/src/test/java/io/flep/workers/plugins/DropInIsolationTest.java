package io.flep.workers.plugins;

import static io.flep.plugin.host.PluginSources.CIPHER_SPI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.aead.AeadProvider;
import io.flep.plugin.host.PluginRegistry;
import io.flep.plugin.host.PluginSources;
import io.flep.plugin.host.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drop-in plugin on the application's own class path — Spring, DL4J, Bouncy Castle and FLEP's workers all
 * present — still sees only the JDK and the SPI: it cannot reach into the host.
 */
class DropInIsolationTest {

  @Test
  void aDropInCannotLoadSpringDl4jOrTheWorkersFromTheHost(@TempDir Path work) throws Exception {
    Path classes = TestJars.compile(work.resolve("build"), PluginSources.all());
    Path plugins = work.resolve("plugins");
    Files.createDirectories(plugins);
    TestJars.jar(plugins.resolve("probe.jar"), classes, "demo/probe", Map.of(CIPHER_SPI, "demo.probe.ProbeProvider"));

    try (PluginRegistry registry = PluginRegistry.load(plugins, getClass().getClassLoader())) {
      AeadProvider probe = registry.aead("probe");
      for (String hostClass : List.of("org.springframework.context.ApplicationContext",
          "org.deeplearning4j.nn.multilayer.MultiLayerNetwork", "org.nd4j.linalg.factory.Nd4j",
          "org.bouncycastle.crypto.engines.AESEngine", "io.flep.workers.store.KeyVault",
          "io.flep.encryption.aesgcm.AesGcmProvider")) {
        assertThat(Class.forName(hostClass, false, getClass().getClassLoader())).as("on the host's class path").isNotNull();
        assertThatThrownBy(() -> probe.generateKey(PluginOptions.of(Map.of("probe", hostClass)), new SecureRandom()))
            .hasMessage("not visible: " + hostClass);
      }
      assertThatThrownBy(() -> probe.generateKey(PluginOptions.of(Map.of("probe", PluginOptions.class.getName())),
          new SecureRandom())).as("the SPI is shared").hasMessage("visible: " + PluginOptions.class.getName());
      assertThat(registry.descriptor("aes-gcm")).as("built-ins still load").isPresent();
    }
  }
}
