package io.flep.plugin.api;

/** The kinds of plugin FLEP can load, one per SPI interface. */
public enum PluginKind {
  /** Authenticated encryption of bytes: {@link io.flep.plugin.api.aead.AeadProvider}. */
  AEAD("AEAD"),
  /** Encryption whose ciphertext is an image: {@link io.flep.plugin.api.image.ImageCipherProvider}. */
  IMAGE_CIPHER("image cipher"),
  /** Additively homomorphic encryption of model updates: {@link io.flep.plugin.api.he.HomomorphicSchemeProvider}. */
  HOMOMORPHIC_SCHEME("homomorphic scheme"),
  /** Removal of additive noise from images: {@link io.flep.plugin.api.denoise.DenoiserProvider}. */
  DENOISER("denoiser");

  private final String displayName;

  PluginKind(String displayName) {
    this.displayName = displayName;
  }

  /** Whether plugins of this kind can encrypt a run's data (the lifecycle's {@code dataCipher}). */
  public boolean isDataCipher() {
    return this == AEAD || this == IMAGE_CIPHER;
  }

  /** Name for messages, e.g. {@code "image cipher"}. */
  public String displayName() {
    return displayName;
  }
}
