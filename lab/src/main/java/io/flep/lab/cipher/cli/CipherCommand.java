package io.flep.lab.cipher.cli;

import io.flep.lab.cipher.eval.EvalCommand;
import io.flep.lab.cipher.eval.ReportCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code flep cipher}: image and data ciphers on files, without starting the engine or Spring. Every subcommand
 * exits 0 on success, 1 with one line {@code flep: <file>: <cause>} on bad input, 2 on bad usage.
 */
@Command(name = "cipher", mixinStandardHelpOptions = true,
    description = "Generates keys, encrypts and decrypts PNG images (one file or a folder), evaluates and"
        + " benchmarks the ciphers.",
    subcommands = {KeygenCommand.class, EncryptCommand.class, DecryptCommand.class, EvalCommand.class,
        ReportCommand.class, BenchCommand.class})
public final class CipherCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
