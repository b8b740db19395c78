package io.flep.lab;

import io.flep.lab.cipher.cli.CipherCommand;
import io.flep.lab.denoise.cli.DenoiserCommand;
import io.flep.lab.he.cli.HeCommand;
import io.flep.workers.task.OneLine;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code flep cipher|denoiser|he}: the evaluation, training and benchmark tools. The launcher sends these commands
 * here; the production application ({@code io.flep.workers.cli.FlepMain}) carries none of them.
 */
@Command(
    name = "flep",
    mixinStandardHelpOptions = true,
    version = "FLEP 0.1.0",
    description = "Federated Learning and Encryption-based Private AI for Industrial IoT.",
    subcommands = {CipherCommand.class, DenoiserCommand.class, HeCommand.class})
public final class LabMain implements Runnable {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (0 ok, 1 the work failed, 2 bad usage). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new LabMain());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("flep: " + OneLine.of(e));
      return 1;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
