package io.flep.lab.denoise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.lab.LabCli;
import org.junit.jupiter.api.Test;

class DenoiserCommandTest {

  @Test
  void isRegisteredUnderFlepAndListsItsSubcommands() {
    LabCli.Result r = LabCli.run("denoiser");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("train", "eval");
    assertThat(LabCli.run("--help").out()).contains("denoiser");
    assertThat(LabCli.run("denoiser", "bogus").exitCode()).isEqualTo(2);
  }
}
