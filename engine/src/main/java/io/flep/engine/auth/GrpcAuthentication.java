package io.flep.engine.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;

/**
 * Requires a valid bearer token on every gateway call ({@code UNAUTHENTICATED} otherwise) and that
 * the client may use the called command ({@code PERMISSION_DENIED} otherwise). Job-type rules are
 * checked where the job type is known, through {@link #currentClient()}.
 */
public final class GrpcAuthentication implements ServerInterceptor {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<EngineClient> CLIENT = Context.key("flep-engine-client");

  private final TokenService tokens;

  public GrpcAuthentication(TokenService tokens) {
    this.tokens = tokens;
  }

  /** The authenticated client of the current call; empty when the engine runs without authentication. */
  public static Optional<EngineClient> currentClient() {
    return Optional.ofNullable(CLIENT.get());
  }

  /** Whether the current call may handle jobs of this type (always, without authentication). */
  public static boolean mayHandleJobType(String type) {
    return currentClient().map(c -> c.permissions().mayHandleJobType(type)).orElse(true);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String header = headers.get(AUTHORIZATION);
    Optional<EngineClient> client =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? tokens.authenticate(header.substring(7).trim())
            : Optional.empty();
    if (client.isEmpty()) {
      call.close(
          Status.UNAUTHENTICATED.withDescription(
              "the FLEP engine requires a valid OAuth 2 bearer token (client credentials)"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    String command = call.getMethodDescriptor().getBareMethodName();
    if (!client.get().permissions().mayUse(command)) {
      call.close(
          Status.PERMISSION_DENIED.withDescription(
              "client '" + client.get().id() + "' may not use " + command),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(Context.current().withValue(CLIENT, client.get()), call, headers, next);
  }
}
