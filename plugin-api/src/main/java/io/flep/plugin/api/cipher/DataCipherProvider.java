package io.flep.plugin.api.cipher;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.key.KeyMaterial;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * SPI for symmetric data encryption. Implementations are annotated with {@link io.flep.plugin.api.FlepPlugin},
 * have a public no-argument constructor, are listed in
 * {@code META-INF/services/io.flep.plugin.api.cipher.DataCipherProvider} and must be thread-safe.
 */
public interface DataCipherProvider {

  /**
   * Generates a fresh key (with a secret part) whose {@link KeyMaterial#schemeId()} is this plugin's id.
   *
   * @throws IllegalArgumentException if an option is invalid (the message names it)
   */
  KeyMaterial generateKey(PluginOptions options, SecureRandom random);

  /**
   * Builds a cipher for the key.
   *
   * @throws GeneralSecurityException if the key belongs to another scheme, has an unsupported format version,
   *     lacks the secret part or is malformed
   */
  DataCipher newCipher(KeyMaterial key) throws GeneralSecurityException;

  /**
   * Builds an image-domain cipher for the key, for schemes whose ciphertext is itself an image (capability
   * {@code "image"}).
   *
   * @throws UnsupportedOperationException if this scheme only encrypts bytes
   * @throws GeneralSecurityException as for {@link #newCipher}
   */
  default io.flep.plugin.api.image.ImageCipher newImageCipher(KeyMaterial key) throws GeneralSecurityException {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " encrypts bytes, not images");
  }
}
