package io.flep.he.paillier;

import io.flep.plugin.api.FlepPlugin;
import io.flep.plugin.api.he.HomomorphicDecryption;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.he.HomomorphicSchemeProvider;
import io.flep.plugin.api.he.KeyPreparation;
import io.flep.plugin.api.he.ThresholdDecryption;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code paillier} homomorphic scheme. Options for {@link #generateKeyPair}:
 *
 * <ul>
 *   <li>{@code keyBits}: 2048 (default), 3072 or 4096; 1024 or 1536 only with {@code allowWeakKeys=true} (tests)
 *   <li>{@code fractionBits}: fixed-point precision, default 20 (values are multiples of 2<sup>-20</sup>)
 *   <li>{@code clipBound}: values are clipped to [-clipBound, clipBound], default 8
 *   <li>{@code maxContributors}: most updates (weights counted) one ciphertext may sum, default 64
 *   <li>{@code slots}: at most this many values per ciphertext, default 0 (as many as fit); 1 is unpacked,
 *       textbook Paillier, the baseline of {@code flep he bench}
 *   <li>{@code threshold} and {@code shareholders}: a robust t-of-ℓ threshold key ({@link ThresholdPaillier}:
 *       safe primes, verification keys, partial decryptions with proofs), e.g. {@code threshold=2, shareholders=3};
 *       {@link #generateKeyPair} then returns the key as dealt (all shares, no factors), to be
 *       {@linkplain #splitShares split} among the share holders and discarded
 * </ul>
 *
 * A threshold key's safe primes take seconds to find (2048 bits: two 1024-bit safe primes), so
 * {@link #prepareKeyPairs} prepares them in the background ({@link ThresholdKeyPool}) and {@link #generateKeyPair}
 * deals on a prepared modulus when one is ready. Ordinary keys keep ordinary primes: their security does not need
 * safe primes (factoring n, decisional composite residuosity), and they are generated in a few hundred milliseconds.
 *
 * The defaults give 31-bit slots (25 value bits, 6 headroom bits): 66 values per 2048-bit ciphertext, 7.76 bytes per
 * value, and a decrypted mean within 2<sup>-21</sup> of the mean of the clipped inputs.
 *
 * These are stored in the key's public part, so encrypting and decrypting parties always pack the same way.
 */
@FlepPlugin(
    id = PaillierSchemeProvider.ID,
    version = "3.1.0",
    capabilities = {"add", "multiply-by-scalar", "fixed-point-packing", "threshold-decryption",
        "robust-threshold-decryption"},
    description = "Paillier additively homomorphic encryption (plain BigInteger) with BatchCrypt-style packing",
    securityNote = "IND-CPA under the decisional composite residuosity assumption (2048-bit n is about 112-bit"
        + " security) and, for keys with h_s (format 4, Damgard-Jurik-Nielsen 2010 s4.1 encryption), the assumption"
        + " that h^a with a random ceil(k/2)-bit a cannot be told from a uniform element of <h>. Ciphertexts are malleable, not CCA-secure: the aggregator can add and scale but is trusted not"
        + " to alter them. The secret-key holder can decrypt any single update, so decrypt only aggregates of at"
        + " least K contributors, at most once per round. Values use one fixed precision (fractionBits) and are"
        + " clipped to +/-clipBound; clipped values are counted. Threshold keys (safe primes, trusted dealer) are"
        + " robust: each partial decryption carries a zero-knowledge proof checked against its holder's verification"
        + " key (Shoup 2000, Damgard-Jurik 2001), so a cheating share holder is named and excluded, never combined.")
public final class PaillierSchemeProvider implements HomomorphicSchemeProvider {
  public static final String ID = "paillier";
  static final int DEFAULT_FRACTION_BITS = 20;
  static final double DEFAULT_CLIP_BOUND = 8;

  @Override
  public ParameterSet parameters() {
    return PaillierParameters.ALL;
  }

  @Override
  public KeyMaterial generateKeyPair(ParameterValues options, SecureRandom random) {
    int keyBits = options.get(PaillierParameters.KEY_BITS);
    FixedPointPacker packer = new FixedPointPacker(
        options.get(PaillierParameters.FRACTION_BITS),
        options.get(PaillierParameters.CLIP_BOUND),
        options.get(PaillierParameters.MAX_CONTRIBUTORS),
        keyBits,
        options.get(PaillierParameters.SLOTS));
    int threshold = options.get(PaillierParameters.THRESHOLD);
    if (threshold == 0) {
      return PaillierKeyCodec.encode(PaillierKeyPair.generate(keyBits, random), packer);
    }
    int shareholders = options.get(PaillierParameters.SHAREHOLDERS);
    ThresholdPaillier.checkParameters(threshold, shareholders);
    ThresholdPaillier.SafeModulus modulus = ThresholdKeyPool.forKeyBits(keyBits).take();
    ThresholdPaillier.Dealing dealing = ThresholdPaillier.deal(modulus, threshold, shareholders, random);
    return PaillierKeyCodec.encodeDealt(dealing.publicKey(), packer, dealing.shares());
  }

  /**
   * For threshold options, keeps {@code count} safe-prime moduli of the key size prepared in the process's
   * {@link ThresholdKeyPool}; ordinary keys have nothing slow to prepare.
   */
  @Override
  public CompletableFuture<KeyPreparation> prepareKeyPairs(ParameterValues options, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be non-negative, got " + count);
    }
    if (options.get(PaillierParameters.THRESHOLD) == 0) {
      return CompletableFuture.completedFuture(KeyPreparation.NONE);
    }
    return ThresholdKeyPool.forKeyBits(options.get(PaillierParameters.KEY_BITS)).prepare(count)
        .thenApply(PaillierSchemeProvider::preparation);
  }

  @Override
  public KeyPreparation keyPreparation(ParameterValues options) {
    if (options.get(PaillierParameters.THRESHOLD) == 0) {
      return KeyPreparation.NONE;
    }
    return preparation(ThresholdKeyPool.forKeyBits(options.get(PaillierParameters.KEY_BITS)).statistics());
  }

  private static KeyPreparation preparation(ThresholdKeyPool.Statistics s) {
    return new KeyPreparation(s.ready(), s.target(), s.generated(), s.generatedOnDemand(), s.meanGenerationTime(),
        s.lastGenerationTime());
  }

  @Override
  public List<KeyMaterial> splitShares(KeyMaterial dealt) throws GeneralSecurityException {
    PaillierKeyCodec.Decoded d = PaillierKeyCodec.decode(dealt);
    if (d.threshold() == 0 || d.shares().size() != d.shareholders()) {
      throw new GeneralSecurityException("not a dealt paillier threshold key (threshold " + d.threshold() + ", "
          + d.shares().size() + " of " + d.shareholders() + " shares)");
    }
    List<KeyMaterial> keys = new ArrayList<>();
    for (ThresholdPaillier.Share share : d.shares()) {
      keys.add(PaillierKeyCodec.encodeShare(d.thresholdKey().orElseThrow(), d.packer(), share));
    }
    return List.copyOf(keys);
  }

  @Override
  public HomomorphicEncryption newEncryption(KeyMaterial key) throws GeneralSecurityException {
    PaillierKeyCodec.Decoded d = PaillierKeyCodec.decode(key);
    return new PaillierScheme(d.publicKey(), Optional.empty(), d.packer(), new SecureRandom());
  }

  @Override
  public HomomorphicDecryption newDecryption(KeyMaterial key) throws GeneralSecurityException {
    PaillierKeyCodec.Decoded d = PaillierKeyCodec.decode(key);
    if (d.threshold() > 0) {
      throw new GeneralSecurityException("paillier key " + d.publicKey().fingerprint() + " is a " + d.threshold()
          + "-of-" + d.shareholders() + " threshold key: no single party decrypts it; share holders decrypt"
          + " together with newThresholdDecryption");
    }
    if (d.privateKey().isEmpty()) {
      throw new GeneralSecurityException("paillier key " + d.publicKey().fingerprint()
          + " holds no secret key; only the key holder can decrypt");
    }
    return new PaillierScheme(d.publicKey(), d.privateKey(), d.packer(), new SecureRandom());
  }

  @Override
  public ThresholdDecryption newThresholdDecryption(KeyMaterial key) throws GeneralSecurityException {
    PaillierKeyCodec.Decoded d = PaillierKeyCodec.decode(key);
    if (d.threshold() == 0) {
      throw new GeneralSecurityException("paillier key " + d.publicKey().fingerprint() + " is not a threshold key");
    }
    if (d.shares().size() > 1) {
      throw new GeneralSecurityException("this paillier key holds all " + d.shares().size() + " shares as dealt;"
          + " split it with splitShares and give each share holder its own");
    }
    ThresholdPublicKey thresholdKey = d.thresholdKey().orElseThrow();
    Optional<ThresholdPaillier.Share> share = d.shares().stream().findFirst();
    if (share.isPresent() && !thresholdKey.matches(share.get())) {
      throw new GeneralSecurityException("share " + share.get().index() + " of paillier key "
          + d.publicKey().fingerprint() + " does not match its verification key: the share or the key is corrupt");
    }
    PaillierScheme publicScheme = new PaillierScheme(d.publicKey(), Optional.empty(), d.packer(), new SecureRandom());
    return new ThresholdPaillierScheme(publicScheme, thresholdKey, share, new SecureRandom());
  }
}
