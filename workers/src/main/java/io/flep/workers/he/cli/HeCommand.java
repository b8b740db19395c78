package io.flep.workers.he.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flep he}: tools for the homomorphic-encryption plugins. */
@Command(name = "he", mixinStandardHelpOptions = true,
    description = "Benchmarks the homomorphic-encryption schemes used to aggregate model updates.",
    subcommands = {HeBenchCommand.class})
public final class HeCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
