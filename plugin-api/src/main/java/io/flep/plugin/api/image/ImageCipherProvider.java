package io.flep.plugin.api.image;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.PluginParameters;
import io.flep.plugin.api.context.PluginContext;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * SPI for image ciphers: schemes whose ciphertext is itself an image. Implementations are annotated with
 * {@link io.flep.plugin.api.FlepPlugin} — declaring the capabilities {@code authenticated},
 * {@code exact-decryption} and {@code not-secure} where they apply ({@link io.flep.plugin.api.Capabilities}) —,
 * have a public no-argument constructor, are listed in
 * {@code META-INF/services/io.flep.plugin.api.image.ImageCipherProvider} and must be thread-safe.
 */
public interface ImageCipherProvider {

  /** The key-generation options this plugin takes; the host validates every option against them. */
  default ParameterSet parameters() {
    return ParameterSet.none();
  }

  /** Generates a fresh key (with a secret part) whose {@link KeyMaterial#schemeId()} is this plugin's id. */
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
   * The cipher for a key. Plugins the cipher needs (e.g. the denoiser its key names) come from {@code context}, so
   * built-in and dropped-in plugins compose both ways.
   *
   * @throws GeneralSecurityException if the key belongs to another scheme, has an unsupported format version, lacks
   *     the secret part, is malformed, or names a plugin the context does not have
   */
  ImageCipher newImageCipher(KeyMaterial key, PluginContext context) throws GeneralSecurityException;
}
