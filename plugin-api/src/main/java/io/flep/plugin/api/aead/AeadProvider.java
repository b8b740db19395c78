package io.flep.plugin.api.aead;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.PluginParameters;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * SPI for authenticated encryption of bytes (AEAD), e.g. {@code aes-gcm}. Implementations are annotated with {@link io.flep.plugin.api.FlepPlugin},
 * have a public no-argument constructor, are listed in
 * {@code META-INF/services/io.flep.plugin.api.aead.AeadProvider} and must be thread-safe.
 */
public interface AeadProvider {

  /** The key-generation options this plugin takes; the host validates every option against them. */
  default ParameterSet parameters() {
    return ParameterSet.none();
  }

  /**
   * Generates a fresh key (with a secret part) whose {@link KeyMaterial#schemeId()} is this plugin's id. The options
   * are validated against {@link #parameters()}; cross-checks the declarations cannot express throw
   * {@link IllegalArgumentException} naming the options.
   */
  KeyMaterial generateKey(ParameterValues options, SecureRandom random);

  /**
   * Validates raw options against {@link #parameters()}, then generates a key.
   *
   * @throws io.flep.plugin.api.param.InvalidPluginOptionException for an unknown option or a value outside its domain
   */
  default KeyMaterial generateKey(PluginOptions options, SecureRandom random) {
    return generateKey(PluginParameters.validate(this, parameters(), options), random);
  }

  /**
   * The AEAD for the key.
   *
   * @throws GeneralSecurityException if the key belongs to another scheme, has an unsupported format version,
   *     lacks the secret part or is malformed
   */
  Aead newAead(KeyMaterial key) throws GeneralSecurityException;
}
