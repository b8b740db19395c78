package io.flep.plugin.api;

/** Capability names with a meaning across FLEP (a plugin may declare others of its own). */
public final class Capabilities {
  /** An image cipher ({@link io.flep.plugin.api.image.ImageCipherProvider}): the ciphertext is itself an image. */
  public static final String IMAGE = "image";

  /**
   * The plugin does not protect data (e.g. a published scheme kept to reproduce a paper). FLEP warns, with the
   * plugin's security note, wherever a user chooses it.
   */
  public static final String NOT_SECURE = "not-secure";

  /** Decryption verifies integrity (of ciphertext, header and associated data) before returning anything. */
  public static final String AUTHENTICATED = "authenticated";

  /** Decryption returns the plaintext exactly, for every key the plugin generates. */
  public static final String EXACT_DECRYPTION = "exact-decryption";

  private Capabilities() {}
}
