package io.flep.engine.processing;

/**
 * A command the engine refuses, with Zeebe's rejection types: the gateway maps them to gRPC status
 * codes (NOT_FOUND, FAILED_PRECONDITION, INVALID_ARGUMENT, ALREADY_EXISTS).
 */
public final class Rejection extends Exception {
  /** Why a command was refused. */
  public enum Type {
    NOT_FOUND,
    INVALID_STATE,
    INVALID_ARGUMENT,
    ALREADY_EXISTS,
    /** The authenticated client may not do this (e.g. handle jobs of another type). */
    FORBIDDEN
  }

  private final Type type;

  public Rejection(Type type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  public Type type() {
    return type;
  }

  public static Rejection notFound(String message) {
    return new Rejection(Type.NOT_FOUND, message);
  }

  public static Rejection invalidState(String message) {
    return new Rejection(Type.INVALID_STATE, message);
  }

  public static Rejection invalidArgument(String message) {
    return new Rejection(Type.INVALID_ARGUMENT, message);
  }
}
