package io.flep.encryption.dncnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.denoise.Denoiser;
import io.flep.plugin.host.PluginRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registered {@code dncnn} plugin with the models shipped in the project. */
class DnCnnProviderTest {

  @Test
  void isAnInstalledBuiltInDenoiserWithModelsForBothDecryptionOrders(@TempDir Path plugins) {
    try (PluginRegistry registry = PluginRegistry.load(plugins, getClass().getClassLoader())) {
      assertThat(registry.descriptor("dncnn")).hasValueSatisfying(d -> assertThat(d.capabilities()).contains("cnn"));
      assertThat(registry.denoiser("dncnn")).isInstanceOf(DnCnnProvider.class);
    }
    assertThat(DnCnnBank.builtIn().sigmas()).satisfiesExactly(
        s -> assertThat(s).isEqualTo(25.0),
        s -> assertThat(s).isCloseTo(25.0 / 0.7, within(0.01)));
  }

  @Test
  void optionsAreCheckedAndModelFilesReplaceTheBuiltIns(@TempDir Path dir) throws Exception {
    Path file = DnCnnBankTest.write(dir, "m.dncnn", DnCnnInferenceTest.modelWithBatchNormStatistics(3), 15);

    Denoiser own = new DnCnnProvider().newDenoiser(PluginOptions.of(Map.of("model", file.toString())));
    assertThat(own.denoise(new float[400], 20, 20, 15)).hasSize(400);
    assertThatThrownBy(() -> own.denoise(new float[400], 20, 20, 25)).hasMessageStartingWith(
        "no DnCNN model for sigma 25.00 (models: 15.00 from " + file + ")");
    assertThatThrownBy(() -> new DnCnnProvider().newDenoiser(PluginOptions.of(Map.of("sigma", "25"))))
        .hasMessage("unknown option 'sigma' for dncnn (known: model, ensemble)");
    assertThatThrownBy(() -> new DnCnnProvider().newDenoiser(PluginOptions.of(Map.of("ensemble", "3"))))
        .hasMessage("option 'ensemble' of dncnn must be one of 1, 2, 4, 8, got '3'");
    assertThatThrownBy(() -> new DnCnnProvider().newDenoiser(PluginOptions.of(Map.of("ensemble", "all"))))
        .hasMessage("option 'ensemble' of dncnn must be one of 1, 2, 4, 8, got 'all'");
  }
}
