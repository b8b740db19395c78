package io.flep.workers.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.workers.policy.PolicyRuleException;
import org.junit.jupiter.api.Test;

class RunRequestTest {
  private static RunRequest request(int analysts, int rounds, String cloud, double target) {
    return RunRequest.builder().analysts(analysts).rounds(rounds).cloudMode(cloud).targetAccuracy(target).seed(1).build();
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
    assertThatThrownBy(() -> RunRequest.builder().cloudMode("trusted").dataCipher("flep-3layer")
        .dataCipherOptions(java.util.Map.of("denoiser=dncnn", "x")).build())
        .hasMessage("--cipher-option name must be a plugin option name like 'denoiser', got 'denoiser=dncnn'");
  }

  @Test
  void kIsThreeByDefaultNeverBelowTwoAndNeverAboveTheAnalysts() {
    assertThat(request(3, 1, "untrusted", 1).minContributors()).isEqualTo(3);
    assertThat(RunRequest.builder().analysts(2).minContributors(2).rounds(1).build().minContributors()).isEqualTo(2);
    assertThatThrownBy(() -> request(2, 1, "untrusted", 1)).isInstanceOf(PolicyRuleException.class)
        .hasMessage("policy rule: --min-contributors is 3 but the run has only 2 analysts: an aggregate of fewer"
            + " would never be decrypted. Use --analysts 3 or more, or lower --min-contributors (at least 2)");
    assertThatThrownBy(() -> RunRequest.builder().analysts(1).rounds(1).minContributors(1).build())
        .isInstanceOf(PolicyRuleException.class)
        .hasMessage("policy rule: --min-contributors is 1, below 2: with one contributor the key holder reads that"
            + " analyst's update");
  }

  @Test
  void cipherOptionsDefaultToNoneAndAreCopied() {
    java.util.Map<String, String> options = new java.util.HashMap<>(java.util.Map.of("denoiser", "dncnn"));
    RunRequest r = RunRequest.builder().cloudMode("trusted").dataCipher("flep-3layer").dataCipherOptions(options).build();
    options.put("sigma", "10");

    assertThat(r.dataCipherOptions()).containsExactlyEntriesOf(java.util.Map.of("denoiser", "dncnn"));
    assertThat(request(3, 5, "trusted", 1).dataCipherOptions()).isEmpty();
  }

  @Test
  void aRoundWaitsTenMinutesByDefaultAndAnyPositiveDeadlineIsTaken() {
    assertThat(request(3, 1, "untrusted", 1).roundDeadline()).isEqualTo(java.time.Duration.ofMinutes(10));
    assertThat(RunRequest.builder().roundDeadline(java.time.Duration.ofSeconds(5)).build().roundDeadline())
        .hasSeconds(5);
    assertThatThrownBy(() -> RunRequest.builder().roundDeadline(java.time.Duration.ZERO).build())
        .isInstanceOf(PolicyRuleException.class)
        .hasMessage("policy rule: --round-deadline must be positive, got PT0S: a round that closes at once takes no"
            + " analyst's update");
    assertThatThrownBy(() -> RunRequest.builder().roundDeadline(java.time.Duration.ofSeconds(-3)).build())
        .isInstanceOf(PolicyRuleException.class).hasMessageContaining("--round-deadline must be positive");
  }

  @Test
  void theSignedPolicyCarriesTheRoundDeadline() {
    RunRequest request = RunRequest.builder().analysts(4).roundDeadline(java.time.Duration.ofSeconds(90)).build();
    io.flep.workers.policy.RunPolicy policy =
        RunPolicyRules.policyFor(request, java.util.UUID.randomUUID(), "flep-cloud", false);
    assertThat(policy.roundDeadline()).isEqualTo("PT1M30S");
    assertThat(policy.roundDeadlineDuration()).hasSeconds(90);
    assertThatThrownBy(() -> io.flep.workers.policy.RunPolicy.parseRoundDeadline("10 minutes", "--round-deadline"))
        .isInstanceOf(PolicyRuleException.class)
        .hasMessage("policy rule: --round-deadline must be an ISO-8601 duration such as PT10M, PT90S or PT1H30M, got"
            + " '10 minutes'");
  }
}
