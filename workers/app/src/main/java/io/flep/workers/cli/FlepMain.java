package io.flep.workers.cli;

import io.flep.workers.task.OneLine;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code flep}: the command line of the FLEP application (the lab tools are {@code io.flep.lab.LabMain}). */
@Command(
    name = "flep",
    mixinStandardHelpOptions = true,
    version = "FLEP 0.1.0",
    description = "Federated Learning and Encryption-based Private AI for Industrial IoT.",
    subcommands = {RunCommand.class, ServeCommand.class, PartyCommand.class, FederationCommand.class, PluginsCommand.class,
        EngineCommand.class, AuditCommand.class})
public final class FlepMain implements Runnable {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (0 ok, 1 the work failed, 2 bad usage). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new FlepMain());
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
