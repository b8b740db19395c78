package io.flep.lab.he.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

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
