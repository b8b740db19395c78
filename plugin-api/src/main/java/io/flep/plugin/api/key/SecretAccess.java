package io.flep.plugin.api.key;

/**
 * Token that must be passed to read secret key bytes. It grants nothing by itself: its purpose is to make every
 * place that touches raw secrets visible in code review ({@code grep SecretAccess.get}), as in Tink's
 * {@code InsecureSecretKeyAccess}.
 */
public final class SecretAccess {
  private static final SecretAccess INSTANCE = new SecretAccess();

  private SecretAccess() {}

  /** The access token. Call it only where reading raw secret bytes is intended. */
  public static SecretAccess get() {
    return INSTANCE;
  }

  static void require(SecretAccess access) {
    if (access == null) {
      throw new NullPointerException("reading secret bytes needs SecretAccess.get()");
    }
  }
}
