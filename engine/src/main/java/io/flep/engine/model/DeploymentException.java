package io.flep.engine.model;

/** A resource that cannot be deployed; the message names the resource and the offending element. */
public final class DeploymentException extends Exception {
  public DeploymentException(String message) {
    super(message);
  }

  public DeploymentException(String message, Throwable cause) {
    super(message, cause);
  }
}
