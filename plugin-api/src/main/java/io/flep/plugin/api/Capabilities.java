package io.flep.plugin.api;

/** Capability names with a meaning across FLEP (a plugin may declare others of its own). */
public final class Capabilities {
  /** A data cipher whose ciphertext is itself an image ({@code newImageCipher} works). */
  public static final String IMAGE = "image";

  /**
   * The plugin does not protect data (e.g. a published scheme kept to reproduce a paper). FLEP warns, with the
   * plugin's security note, wherever a user chooses it.
   */
  public static final String NOT_SECURE = "not-secure";

  private Capabilities() {}
}
