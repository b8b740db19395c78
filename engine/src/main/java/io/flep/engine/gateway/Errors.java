package io.flep.engine.gateway;

import io.flep.engine.processing.CommandProcessor;
import io.flep.engine.processing.Rejection;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;

/** Maps engine failures to the gRPC status codes Zeebe's gateway uses. */
final class Errors {
  private Errors() {}

  /**
   * As Zeebe's gateway words it: {@code Command 'COMPLETE' rejected with code 'NOT_FOUND': <reason>}
   * for rejections; the engine's message otherwise.
   */
  static StatusRuntimeException status(Throwable error, String intent) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof Rejection rejection) {
      Status status =
          switch (rejection.type()) {
            case NOT_FOUND -> Status.NOT_FOUND;
            case INVALID_STATE -> Status.FAILED_PRECONDITION;
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
            case FORBIDDEN -> Status.PERMISSION_DENIED;
          };
      String code = rejection.type() == Rejection.Type.FORBIDDEN ? "FORBIDDEN" : rejection.type().name();
      return status
          .withDescription(
              "Command '" + intent + "' rejected with code '" + code + "': " + rejection.getMessage())
          .asRuntimeException();
    }
    if (cause instanceof CommandProcessor.AwaitTimeoutException) {
      return Status.DEADLINE_EXCEEDED.withDescription(cause.getMessage()).asRuntimeException();
    }
    return Status.UNAVAILABLE.withDescription(String.valueOf(cause.getMessage())).withCause(cause).asRuntimeException();
  }
}
