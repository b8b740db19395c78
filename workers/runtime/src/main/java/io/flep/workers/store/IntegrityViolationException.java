package io.flep.workers.store;

/** Stored data no longer matches its reference or authentication tag: a business failure with a modelled path. */
public class IntegrityViolationException extends RuntimeException {
  public IntegrityViolationException(String message) {
    super(message);
  }

  public IntegrityViolationException(String message, Throwable cause) {
    super(message, cause);
  }
}
