package io.flep.workers.failure;

/**
 * Input that no retry can fix (an unreadable image, an unknown plugin, a malformed variable): the task fails at
 * once with an incident whose message is this exception's.
 */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
