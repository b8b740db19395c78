package io.flep.engine.auth;

/** A client known to the engine: its id, its secret's hash and its permissions. */
public record EngineClient(String id, SecretHash secret, ClientPermissions permissions) {
  public EngineClient {
    if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "a client id is 1 to 64 letters, digits, '.', '_' or '-': '" + id + "'");
    }
  }

  @Override
  public String toString() {
    return "EngineClient[" + id + "]";
  }
}
