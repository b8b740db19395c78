package io.flep.workers.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunRequestTest {
  private static RunRequest request(int analysts, int rounds, String cloud, double target) {
    return new RunRequest(analysts, rounds, cloud, target, null, null, null, 1);
  }

  @Test
  void namesAnalystsAndNormalisesTheCloudMode() {
    RunRequest request = request(3, 5, "Policy", 1.0);
    assertThat(request.analystIds()).containsExactly("analyst-1", "analyst-2", "analyst-3");
    assertThat(request.cloudMode()).isEqualTo("policy");
  }

  @Test
  void rejectsWhatCannotRunNamingTheOption() {
    assertThatThrownBy(() -> request(0, 5, "trusted", 1)).hasMessageContaining("--analysts");
    assertThatThrownBy(() -> request(33, 5, "trusted", 1)).hasMessageContaining("--analysts");
    assertThatThrownBy(() -> request(3, 0, "trusted", 1)).hasMessageContaining("--rounds");
    assertThatThrownBy(() -> request(3, 5, "maybe", 1)).hasMessageContaining("--cloud").hasMessageContaining("maybe");
    assertThatThrownBy(() -> request(3, 5, "trusted", 0)).hasMessageContaining("--target-accuracy");
    assertThatThrownBy(() -> request(3, 5, "trusted", 1.5)).hasMessageContaining("--target-accuracy");
    assertThatThrownBy(() -> new RunRequest(3, 5, "trusted", 1, null, "flep-3layer", null, 1,
        java.util.Map.of("denoiser=dncnn", "x")))
        .hasMessage("--cipher-option name must be a plugin option name like 'denoiser', got 'denoiser=dncnn'");
  }

  @Test
  void cipherOptionsDefaultToNoneAndAreCopied() {
    java.util.Map<String, String> options = new java.util.HashMap<>(java.util.Map.of("denoiser", "dncnn"));
    RunRequest r = new RunRequest(3, 5, "trusted", 1, null, "flep-3layer", null, 1, options);
    options.put("sigma", "10");

    assertThat(r.dataCipherOptions()).containsExactlyEntriesOf(java.util.Map.of("denoiser", "dncnn"));
    assertThat(request(3, 5, "trusted", 1).dataCipherOptions()).isEmpty();
  }
}
