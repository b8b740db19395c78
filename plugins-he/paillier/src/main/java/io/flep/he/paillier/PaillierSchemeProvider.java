package io.flep.he.paillier;

import io.flep.plugin.api.FlepPlugin;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.he.HomomorphicScheme;
import io.flep.plugin.api.he.HomomorphicSchemeProvider;
import io.flep.plugin.api.key.KeyMaterial;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

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
 *   <li>{@code threshold} and {@code shareholders}: a t-of-ℓ threshold key ({@link ThresholdPaillier}), e.g.
 *       {@code threshold=2, shareholders=3}; {@link #generateKeyPair} then returns the key as dealt (all shares,
 *       no factors), to be {@linkplain #splitShares split} among the share holders and discarded
 * </ul>
 *
 * The defaults give 31-bit slots (25 value bits, 6 headroom bits): 66 values per 2048-bit ciphertext, 7.76 bytes per
 * value, and a decrypted mean within 2<sup>-21</sup> of the mean of the clipped inputs.
 *
 * These are stored in the key's public part, so encrypting and decrypting parties always pack the same way.
 */
@FlepPlugin(
    id = PaillierSchemeProvider.ID,
    version = "2.0.0",
    capabilities = {"add", "multiply-by-scalar", "fixed-point-packing", "threshold-decryption"},
    description = "Paillier additively homomorphic encryption (plain BigInteger) with BatchCrypt-style packing",
    securityNote = "IND-CPA under the decisional composite residuosity assumption (2048-bit n is about 112-bit"
        + " security). Ciphertexts are malleable, not CCA-secure: the aggregator can add and scale but is trusted not"
        + " to alter them. The secret-key holder can decrypt any single update, so decrypt only aggregates of at"
        + " least K contributors, at most once per round. Values use one fixed precision (fractionBits) and are"
        + " clipped to +/-clipBound; clipped values are counted.")
public final class PaillierSchemeProvider implements HomomorphicSchemeProvider {
  public static final String ID = "paillier";
  static final int DEFAULT_FRACTION_BITS = 20;
  static final double DEFAULT_CLIP_BOUND = 8;
  static final int DEFAULT_MAX_CONTRIBUTORS = 64;

  @Override
  public KeyMaterial generateKeyPair(PluginOptions options, SecureRandom random) {
    int keyBits = options.getInt("keyBits", 2048);
    boolean allowWeak = options.getBoolean("allowWeakKeys", false);
    boolean strong = keyBits == 2048 || keyBits == 3072 || keyBits == 4096;
    boolean weak = allowWeak && (keyBits == 1024 || keyBits == 1536);
    if (!strong && !weak) {
      throw new IllegalArgumentException("plugin option 'keyBits' must be 2048, 3072 or 4096"
          + " (1024 or 1536 only with allowWeakKeys=true, for tests), got '" + keyBits + "'");
    }
    FixedPointPacker packer = new FixedPointPacker(
        options.getInt("fractionBits", DEFAULT_FRACTION_BITS),
        options.getDouble("clipBound", DEFAULT_CLIP_BOUND),
        options.getInt("maxContributors", DEFAULT_MAX_CONTRIBUTORS),
        keyBits,
        options.getInt("slots", 0));
    int threshold = options.getInt("threshold", 0);
    PaillierKeyPair pair = PaillierKeyPair.generate(keyBits, random);
    if (threshold == 0) {
      return PaillierKeyCodec.encode(pair, packer);
    }
    int shareholders = options.getInt("shareholders", 3);
    ThresholdPaillier.checkParameters(threshold, shareholders);
    return PaillierKeyCodec.encodeDealt(pair.publicKey(), packer, threshold,
        ThresholdPaillier.deal(pair, threshold, shareholders, random));
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
      keys.add(PaillierKeyCodec.encodeShare(d.publicKey(), d.packer(), d.threshold(), d.shareholders(), share));
    }
    return List.copyOf(keys);
  }

  @Override
  public HomomorphicScheme newScheme(KeyMaterial key) throws GeneralSecurityException {
    PaillierKeyCodec.Decoded d = PaillierKeyCodec.decode(key);
    PaillierScheme scheme = new PaillierScheme(d.publicKey(), d.privateKey(), d.packer(), new SecureRandom());
    if (d.threshold() == 0) {
      return scheme;
    }
    if (d.shares().size() > 1) {
      throw new GeneralSecurityException("this paillier key holds all " + d.shares().size() + " shares as dealt;"
          + " split it with splitShares and give each share holder its own");
    }
    return new ThresholdPaillierScheme(scheme, d.publicKey(), d.threshold(), d.shareholders(),
        d.shares().stream().findFirst());
  }
}
