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
  }
}
