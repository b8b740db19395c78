package io.flep.workers.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/**
 * How a federation root's passphrase reaches {@code flep federation}: typed at a prompt, or read from a file (e.g.
 * {@code /dev/fd/3}, or {@code -} for standard input) — never from the command line.
 */
final class PassphraseOptions {
  @Option(names = "--passphrase", description = "Protect / open the root key with a passphrase typed at a prompt.")
  boolean prompt;

  @Option(names = "--passphrase-file", paramLabel = "FILE",
      description = "Read the root key's passphrase from the first line of FILE ('-' for standard input).")
  Path file;

  /** The passphrase, or null for none; {@code confirm} asks twice at a prompt. The caller wipes it. */
  char[] read(boolean confirm) throws IOException {
    if (file != null) {
      String text = file.toString().equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(file, StandardCharsets.UTF_8);
      String line = text.lines().findFirst().orElse("");
      if (line.isEmpty()) {
        throw new IllegalArgumentException("--passphrase-file " + file + " holds no passphrase on its first line");
      }
      return line.toCharArray();
    }
    if (!prompt) {
      return null;
    }
    java.io.Console console = System.console();
    if (console == null) {
      throw new IllegalArgumentException("--passphrase needs a terminal to prompt on; use --passphrase-file FILE");
    }
    char[] passphrase = console.readPassword("Root key passphrase: ");
    if (passphrase == null || passphrase.length == 0) {
      throw new IllegalArgumentException("no passphrase typed");
    }
    if (confirm) {
      char[] again = console.readPassword("Again: ");
      boolean same = Arrays.equals(passphrase, again);
      if (again != null) {
        Arrays.fill(again, '\0');
      }
      if (!same) {
        Arrays.fill(passphrase, '\0');
        throw new IllegalArgumentException("the two passphrases differ");
      }
    }
    return passphrase;
  }
}
