package io.flep.lab.denoise.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code flep denoiser}: trains and evaluates the DnCNN denoiser, without starting the engine or Spring. Exit 0
 * on success, 1 with one line {@code flep: <cause>} when the work fails (bad file, wrong model), 2 on bad usage.
 */
@Command(name = "denoiser", mixinStandardHelpOptions = true,
    description = "Trains the DnCNN denoiser on image patches, evaluates denoisers on noisy images, benchmarks DnCNN.",
    subcommands = {TrainCommand.class, DenoiseEvalCommand.class, DenoiseBenchCommand.class})
public final class DenoiserCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
