package io.flep.engine.auth;

/** An issued bearer token and its lifetime in seconds, as the token endpoint returns them. */
public record AccessToken(String value, long expiresInSeconds) {
  @Override
  public String toString() {
    return "AccessToken[<redacted>, expires in " + expiresInSeconds + " s]";
  }
}
