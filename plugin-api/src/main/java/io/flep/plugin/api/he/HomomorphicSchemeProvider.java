package io.flep.plugin.api.he;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.key.KeyMaterial;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;

/**
 * SPI for additively homomorphic encryption of model updates. Implementations are annotated with
 * {@link io.flep.plugin.api.FlepPlugin}, have a public no-argument constructor, are listed in
 * {@code META-INF/services/io.flep.plugin.api.he.HomomorphicSchemeProvider} and must be thread-safe.
 */
public interface HomomorphicSchemeProvider {

  /**
   * Generates a key pair. Encoding parameters chosen through {@code options} (precision, clipping, contributor
   * headroom) are stored in the public part, so every party using the key encodes the same way.
   *
   * @throws IllegalArgumentException if an option is invalid (the message names it)
   */
  KeyMaterial generateKeyPair(PluginOptions options, SecureRandom random);

  /**
   * Builds a scheme for the key. With a {@linkplain KeyMaterial#publicOnly() public-only} key the scheme can
   * encrypt, add and scale, but {@link HomomorphicScheme#decrypt} throws.
   *
   * @throws GeneralSecurityException if the key belongs to another scheme or is malformed or inconsistent
   */
  HomomorphicScheme newScheme(KeyMaterial key) throws GeneralSecurityException;

  /**
   * Splits a threshold key as dealt by {@link #generateKeyPair} (threshold options) into one key per share holder,
   * share i at position i − 1, each with the public part and only its own share. The dealt key must then be
   * discarded: it holds every share. Schemes without threshold keys throw.
   *
   * @throws GeneralSecurityException if the key is not a dealt threshold key of this scheme
   */
  default List<KeyMaterial> splitShares(KeyMaterial dealt) throws GeneralSecurityException {
    throw new GeneralSecurityException("scheme '" + dealt.schemeId() + "' has no threshold keys");
  }
}
