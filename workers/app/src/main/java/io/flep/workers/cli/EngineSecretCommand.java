package io.flep.workers.cli;

import io.flep.engine.auth.SecretHash;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code flep engine hash-secret}: the stored form of a client secret, for the engine's clients file. */
@Command(name = "hash-secret", mixinStandardHelpOptions = true,
    description = "Reads a client secret (at least 16 characters) from standard input, never from the command"
        + " line, and prints its salted PBKDF2 hash for the \"secretHash\" of an engine clients file.")
public final class EngineSecretCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line = in.readLine();
    if (line == null || line.isBlank()) {
      throw new IllegalArgumentException("no secret on standard input (e.g. printf '%s' \"$SECRET\" | flep engine"
          + " hash-secret)");
    }
    char[] secret = line.strip().toCharArray();
    try {
      System.out.println(SecretHash.of(secret));
    } finally {
      Arrays.fill(secret, '\0');
    }
    return 0;
  }
}
