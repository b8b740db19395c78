package io.flep.plugin.api;

/**
 * Version of the service-provider interface in this module. A plugin declares the SPI version it was built
 * against in {@link FlepPlugin#spiVersion()}; the loader refuses plugins that need a newer SPI than
 * {@link #CURRENT}, so an old FLEP never calls into a plugin that expects methods it does not have.
 */
public final class SpiVersion {
  /**
   * The SPI version implemented by this FLEP build. 3: {@link io.flep.plugin.api.he.ThresholdDecryption#combine}
   * takes partial decryptions keyed by share index and reports the holders it excluded; key preparation
   * ({@link io.flep.plugin.api.he.HomomorphicSchemeProvider#prepareKeyPairs}).
   */
  public static final int CURRENT = 3;

  private SpiVersion() {}
}
