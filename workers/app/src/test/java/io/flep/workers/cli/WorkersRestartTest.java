package io.flep.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.store.KeyVault;
import io.flep.workers.store.Ref;
import io.flep.workers.store.RunRepository;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** What {@code flep serve} stores survives a restart on the same data directory, keys included. */
class WorkersRestartTest {

  @Test
  void runsAndWrappedKeysSurviveARestart(@TempDir Path dir) throws Exception {
    Map<String, Object> properties = Map.of("flep.data-dir", dir.resolve("data").toString(),
        "flep.plugins-dir", dir.resolve("plugins").toString());
    UUID runId = UUID.randomUUID();
    Ref keyRef;
    KeyMaterial key;
    try (ConfigurableApplicationContext first = Workers.start(properties, false)) {
      first.getBean(RunRepository.class).create(runId, "embedded", "{\"note\":\"before restart\"}");
      key = first.getBean(PluginRegistry.class).aead("aes-gcm").generateKey(PluginOptions.empty(), new SecureRandom());
      keyRef = first.getBean(KeyVault.class).store(runId, KeyVault.Purpose.DATA, "data-owner", key);
    }
    try (ConfigurableApplicationContext second = Workers.start(properties, false)) {
      assertThat(second.getBean(RunRepository.class).find(runId)).get()
          .satisfies(run -> assertThat(run.parametersJson()).contains("before restart"));
      KeyMaterial reloaded = second.getBean(KeyVault.class).loadSecret(keyRef.id(), "data-owner");
      assertThat(reloaded.serializePublic()).isEqualTo(key.serializePublic());
      assertThat(reloaded.secretPart().orElseThrow().equalsSecretBytes(key.secretPart().orElseThrow())).isTrue();
    }
  }
}
