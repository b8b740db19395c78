package io.flep.workers.store;

/** A party asked for a secret it was never granted: a business failure (untrusted party), not a bug. */
public class KeyAccessDeniedException extends RuntimeException {
  public KeyAccessDeniedException(String message) {
    super(message);
  }
}
