package io.flep.lab.cipher.cli;

/**
 * A problem with what the user handed to a {@code flep cipher} command (a file, a key, a scheme id). Its message
 * is the complete line the user sees after {@code flep: }: it names the file and the cause. Exit code 1.
 */
public final class BadInputException extends RuntimeException {

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
