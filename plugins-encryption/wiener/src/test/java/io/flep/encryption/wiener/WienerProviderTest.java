package io.flep.encryption.wiener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.plugin.api.PluginKind;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.host.PluginRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WienerProviderTest {

  @Test
  void windowOptionDefaultsToFiveAndIsValidated() {
    WienerProvider p = new WienerProvider();
    assertThat(((WienerFilter) p.newDenoiser(PluginOptions.empty())).window()).isEqualTo(5);
    assertThat(((WienerFilter) p.newDenoiser(PluginOptions.empty().with("window", "7"))).window()).isEqualTo(7);
    assertThatThrownBy(() -> p.newDenoiser(PluginOptions.empty().with("window", "4")))
        .hasMessage("option 'window' of wiener must be an odd integer in [3, 31], got '4'");
  }

  @Test
  void isDiscoveredAsADenoiserPlugin() {
    try (PluginRegistry registry = PluginRegistry.load(Path.of("no-such-drop-in-dir"), getClass().getClassLoader())) {
      assertThat(registry.descriptor("wiener").orElseThrow().kind()).isEqualTo(PluginKind.DENOISER);
      assertThat(registry.denoiser("wiener")).isInstanceOf(WienerProvider.class);
    }
  }
}
