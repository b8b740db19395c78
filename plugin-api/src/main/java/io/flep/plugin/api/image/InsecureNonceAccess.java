package io.flep.plugin.api.image;

/**
 * Token that marks a call choosing its own nonce ({@link ImageCipher#encryptWithNonce}). Obtaining one is
 * deliberate and greppable; it exists for evaluation code, never for production encryption.
 */
public final class InsecureNonceAccess {
  private static final InsecureNonceAccess INSTANCE = new InsecureNonceAccess();

  private InsecureNonceAccess() {}

  public static InsecureNonceAccess forEvaluationOnly() {
    return INSTANCE;
  }
}
