package io.flep.plugin.api;

/** The kinds of plugin FLEP can load, one per SPI interface. */
public enum PluginKind {
  /** Symmetric data encryption: {@link io.flep.plugin.api.cipher.DataCipherProvider}. */
  DATA_CIPHER("data cipher"),
  /** Additively homomorphic encryption of model updates: {@link io.flep.plugin.api.he.HomomorphicSchemeProvider}. */
  HOMOMORPHIC_SCHEME("homomorphic scheme"),
  /** Removal of additive noise from images: {@link io.flep.plugin.api.denoise.DenoiserProvider}. */
  DENOISER("denoiser");

  private final String displayName;

  PluginKind(String displayName) {
    this.displayName = displayName;
  }

  /** Lower-case name for messages, e.g. {@code "data cipher"}. */
  public String displayName() {
    return displayName;
  }
}
