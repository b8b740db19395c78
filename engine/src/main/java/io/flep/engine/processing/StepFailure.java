package io.flep.engine.processing;

/** A step of an element that cannot go on: becomes an incident of {@code errorType} on the element. */
final class StepFailure extends Exception {
  private final String errorType;

  StepFailure(String errorType, String message) {
    super(message, null, false, false);
    this.errorType = errorType;
  }

  String errorType() {
    return errorType;
  }
}
