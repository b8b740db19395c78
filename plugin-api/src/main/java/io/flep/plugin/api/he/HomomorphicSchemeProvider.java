package io.flep.plugin.api.he;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.PluginParameters;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * SPI for additively homomorphic encryption of model updates. Implementations are annotated with
 * {@link io.flep.plugin.api.FlepPlugin}, have a public no-argument constructor, are listed in
 * {@code META-INF/services/io.flep.plugin.api.he.HomomorphicSchemeProvider} and must be thread-safe.
 */
public interface HomomorphicSchemeProvider {

  /**
   * The key-generation options this scheme takes; the host validates every option against them. A scheme that
   * offers contributor headroom or threshold keys declares {@link HeParameters#MAX_CONTRIBUTORS},
   * {@link HeParameters#THRESHOLD} and {@link HeParameters#SHAREHOLDERS}, so the host can supply what it knows (how
   * many analysts, how many share holders) without knowing the scheme's other options.
   */
  default ParameterSet parameters() {
    return ParameterSet.none();
  }

  /**
   * Generates a key pair from validated options. Encoding parameters (precision, clipping, contributor headroom)
   * are stored in the public part, so every party using the key encodes the same way. Uses what
   * {@link #prepareKeyPairs} prepared for these options if it is ready, and otherwise does the slow part now, on the
   * caller's thread.
   */
  KeyMaterial generateKeyPair(ParameterValues options, SecureRandom random);

  /**
   * Starts preparing, in the background, the slow part of generating keys with these options (for a threshold
   * {@code paillier} key: its safe primes, seconds each), and returns at once. From then on the scheme keeps at
   * least {@code count} prepared, preparing another each time {@link #generateKeyPair} uses one, so that issuing a
   * key need not wait. Prepared material is secret, kept in memory only and used for one key at most. Schemes with
   * nothing slow to prepare return a completed future with {@link KeyPreparation#NONE}.
   *
   * @return completes once {@code count} keys are prepared, with the {@link #keyPreparation} of that moment
   * @throws IllegalArgumentException if {@code count} is negative or more than the scheme keeps
   */
  default CompletableFuture<KeyPreparation> prepareKeyPairs(ParameterValues options, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be non-negative, got " + count);
    }
    return CompletableFuture.completedFuture(KeyPreparation.NONE);
  }

  /**
   * Validates raw options against {@link #parameters()}, then {@link #prepareKeyPairs(ParameterValues, int)}.
   *
   * @throws io.flep.plugin.api.param.InvalidPluginOptionException for an unknown option or a value outside its domain
   */
  default CompletableFuture<KeyPreparation> prepareKeyPairs(PluginOptions options, int count) {
    return prepareKeyPairs(PluginParameters.validate(this, parameters(), options), count);
  }

  /** What is prepared now for generating keys with these options, and the measured time to prepare one. */
  default KeyPreparation keyPreparation(ParameterValues options) {
    return KeyPreparation.NONE;
  }

  /**
   * Validates raw options against {@link #parameters()}, then generates a key pair.
   *
   * @throws io.flep.plugin.api.param.InvalidPluginOptionException for an unknown option or a value outside its domain
   */
  default KeyMaterial generateKeyPair(PluginOptions options, SecureRandom random) {
    return generateKeyPair(PluginParameters.validate(this, parameters(), options), random);
  }

  /**
   * The public side for the key: encrypt, add, scale, parse. Any key of the scheme will do (its public part is used);
   * no secret is needed.
   *
   * @throws GeneralSecurityException if the key belongs to another scheme or is malformed or inconsistent
   */
  HomomorphicEncryption newEncryption(KeyMaterial key) throws GeneralSecurityException;

  /**
   * The secret side of an ordinary key.
   *
   * @throws GeneralSecurityException if the key has no secret part, is a threshold key or a share of one (use
   *     {@link #newThresholdDecryption}), or belongs to another scheme or is malformed
   */
  HomomorphicDecryption newDecryption(KeyMaterial key) throws GeneralSecurityException;

  /**
   * Threshold decryption with a share key (partial decryption and combination) or a threshold key's public part
   * (combination only). Schemes without threshold keys throw.
   *
   * @throws GeneralSecurityException if the key is not a threshold key of this scheme, or is the dealt key that
   *     still holds every share (split it first)
   */
  default ThresholdDecryption newThresholdDecryption(KeyMaterial key) throws GeneralSecurityException {
    throw new GeneralSecurityException("scheme '" + key.schemeId() + "' has no threshold keys");
  }

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
