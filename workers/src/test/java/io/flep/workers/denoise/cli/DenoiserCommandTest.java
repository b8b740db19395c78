package io.flep.workers.denoise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.workers.testing.FlepCli;
import org.junit.jupiter.api.Test;

class DenoiserCommandTest {

  @Test
  void isRegisteredUnderFlepAndListsItsSubcommands() {
    FlepCli.Result r = FlepCli.run("denoiser");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("train", "eval");
    assertThat(FlepCli.run("--help").out()).contains("denoiser");
    assertThat(FlepCli.run("denoiser", "bogus").exitCode()).isEqualTo(2);
  }
}
