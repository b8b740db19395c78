package io.flep.exchange;

/**
 * An exchange object is not what its reference or its producer says: wrong digest, bad or missing signature, a
 * producer not in an allowed role, or an object that cannot be parsed. The message names the object and its
 * producer. Nothing of such an object is ever used.
 */
public class ExchangeIntegrityException extends RuntimeException {
  public ExchangeIntegrityException(String message) {
    super(message);
  }

  public ExchangeIntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
