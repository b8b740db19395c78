package io.flep.engine.decision;

/**
 * A DMN resource could not be parsed or a decision could not be evaluated. The message is suitable
 * as a deployment rejection or incident message: it names the resource or decision and the cause.
 */
public final class DecisionException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with an incident message.
   *
   * @param message names the resource or decision and the cause
   */
  public DecisionException(String message) {
    super(message);
  }

  /**
   * Creates an exception with an incident message and the underlying cause.
   *
   * @param message names the resource or decision and the cause
   * @param cause the underlying exception
   */
  public DecisionException(String message, Throwable cause) {
    super(message, cause);
  }
}
