package io.flep.he.paillier;

import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Converts Paillier keys and their packing parameters to and from {@link KeyMaterial}. Format version 4 (written for
 * every key with h<sub>s</sub>, i.e. every key generated now):
 *
 * <p>Public part: fractionBits (4) | clipBound (8, IEEE double) | maxContributors (4) | slots (4, 0 = as many as
 * fit) | threshold (4, 0 = an ordinary key) | shareholders (4) | n | g | h<sub>s</sub> (the Damgård–Jurik–Nielsen
 * encryption base, {@link PaillierPublicKey}), and for a threshold key (g = n + 1, n a product of safe primes) | v |
 * shareholders × v<sub>i</sub>: the generator of the squares and the holders' verification keys
 * ({@link ThresholdPublicKey}). Version 3 is the same without h<sub>s</sub>. Secret part: a type byte, then
 * <ul>
 *   <li>0, an ordinary key: p | q;
 *   <li>1, one share of a threshold key: index (4) | share;
 *   <li>2, a threshold key as dealt, every share (never stored: split it into type-1 keys): count (4) |
 *       count × (index (4) | share).
 * </ul>
 * Integers are length (4) and magnitude bytes.
 *
 * <p>Older versions: keys of version 3 are read and still work — they encrypt the textbook way, with a full
 * exponentiation per ciphertext, which needs no assumption beyond DCR — rather than being refused: refusing would strand
 * the keys (and shares) of runs already under way for no gain in security; a key gets h<sub>s</sub> when it is
 * generated anew. Such a key is written back as version 3, so a version-3 threshold key split into shares stays
 * readable by the same code. An ordinary key of version 2 has the version-3 layout and is still read; a threshold key of version 2
 * has no verification keys, so its partial decryptions cannot be checked, and is refused (deal a new one); version 1
 * keys packed with one more headroom bit per slot and are refused.
 */
final class PaillierKeyCodec {
  static final int FORMAT_VERSION = 4;
  /** The version without h<sub>s</sub>: still read, and written for a key read from it; encrypts the textbook way. */
  static final int NO_HS_VERSION = 3;
  /** The last version without verification keys; its ordinary keys are still read. */
  static final int ORDINARY_ONLY_VERSION = 2;
  static final int MIN_BITS = 1024;
  private static final int MAX_BYTES = 1024; // 8192-bit n
  private static final int ORDINARY = 0;
  private static final int ONE_SHARE = 1;
  private static final int DEALT = 2;

  /**
   * A decoded key. An ordinary key has threshold 0 and maybe a private key; a threshold key has no private key,
   * and either one share, all shares (as dealt), or none (public only).
   */
  record Decoded(PaillierPublicKey publicKey, FixedPointPacker packer, Optional<PaillierPrivateKey> privateKey,
      int threshold, int shareholders, Optional<ThresholdPublicKey> thresholdKey,
      List<ThresholdPaillier.Share> shares) {}

  private PaillierKeyCodec() {}

  static KeyMaterial encode(PaillierKeyPair pair, FixedPointPacker packer) {
    return material(pair.publicKey(), packer, null, secret -> {
      secret.writeByte(ORDINARY);
      writeInt(secret, pair.privateKey().p());
      writeInt(secret, pair.privateKey().q());
    });
  }

  /** A threshold key with every share, as the dealer holds it right after dealing. */
  static KeyMaterial encodeDealt(ThresholdPublicKey key, FixedPointPacker packer,
      List<ThresholdPaillier.Share> shares) {
    return material(key.paillier(), packer, key, secret -> {
      secret.writeByte(DEALT);
      secret.writeInt(shares.size());
      for (ThresholdPaillier.Share share : shares) {
        secret.writeInt(share.index());
        writeInt(secret, share.value());
      }
    });
  }

  /** A threshold key holding one share. */
  static KeyMaterial encodeShare(ThresholdPublicKey key, FixedPointPacker packer, ThresholdPaillier.Share share) {
    return material(key.paillier(), packer, key, secret -> {
      secret.writeByte(ONE_SHARE);
      secret.writeInt(share.index());
      writeInt(secret, share.value());
    });
  }

  private interface SecretWriter {
    void write(DataOutputStream secret) throws IOException;
  }

  /** @param threshold the threshold key's public part, or null for an ordinary key */
  private static KeyMaterial material(PaillierPublicKey key, FixedPointPacker packer, ThresholdPublicKey threshold,
      SecretWriter secretWriter) {
    ByteArrayOutputStream pub = new ByteArrayOutputStream();
    ByteArrayOutputStream sec = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(pub);
        DataOutputStream secret = new DataOutputStream(sec)) {
      out.writeInt(packer.fractionBits());
      out.writeDouble(packer.clipBound());
      out.writeInt(packer.maxContributors());
      out.writeInt(packer.maxSlots());
      out.writeInt(threshold == null ? 0 : threshold.threshold());
      out.writeInt(threshold == null ? 0 : threshold.shareholders());
      writeInt(out, key.n());
      writeInt(out, key.g());
      if (key.hs().isPresent()) {
        writeInt(out, key.hs().get());
      }
      if (threshold != null) {
        writeInt(out, threshold.v());
        for (BigInteger vi : threshold.verificationKeys()) {
          writeInt(out, vi);
        }
      }
      secretWriter.write(secret);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams
    }
    byte[] secretBytes = sec.toByteArray();
    try {
      return new KeyMaterial(PaillierSchemeProvider.ID, key.hs().isPresent() ? FORMAT_VERSION : NO_HS_VERSION,
          pub.toByteArray(),
          Optional.of(SecretBytes.copyFrom(secretBytes, SecretAccess.get())));
    } finally {
      Arrays.fill(secretBytes, (byte) 0);
    }
  }

  static Decoded decode(KeyMaterial key) throws GeneralSecurityException {
    if (!PaillierSchemeProvider.ID.equals(key.schemeId())) {
      throw new GeneralSecurityException("key belongs to scheme '" + key.schemeId() + "', not 'paillier'");
    }
    int version = key.formatVersion();
    if (version != FORMAT_VERSION && version != NO_HS_VERSION && version != ORDINARY_ONLY_VERSION) {
      throw new GeneralSecurityException("unsupported paillier key format version " + version
          + " (supported: " + FORMAT_VERSION + ", " + NO_HS_VERSION + ", and " + ORDINARY_ONLY_VERSION
          + " for ordinary keys"
          + (version == 1 ? "; version 1 keys used the earlier packing: issue a new key" : "") + ")");
    }
    WireReader in = new WireReader(key.publicPart(), "paillier public key");
    int fractionBits = in.int32("fractionBits");
    double clipBound = in.float64("clipBound");
    int maxContributors = in.int32("maxContributors");
    int slots = in.int32("slots");
    int threshold = in.int32("threshold");
    int shareholders = in.int32("shareholders");
    BigInteger n = in.unsigned(MAX_BYTES, "n");
    BigInteger g = in.unsigned(2 * MAX_BYTES, "g");
    BigInteger hs = version >= FORMAT_VERSION ? in.unsigned(2 * MAX_BYTES, "h_s") : null;
    if (threshold != 0 && version == ORDINARY_ONLY_VERSION) {
      throw new GeneralSecurityException("paillier threshold key of format version " + version + " has no verification"
          + " keys, so partial decryptions under it cannot be checked and a cheating share holder could shift the"
          + " sum: deal a new threshold key (format " + FORMAT_VERSION + ")");
    }
    BigInteger v = null;
    List<BigInteger> verificationKeys = new ArrayList<>();
    if (threshold != 0) {
      if (shareholders < 0 || shareholders > 16) {
        throw in.fail("shareholders " + shareholders + " is outside [2, 16]");
      }
      v = in.unsigned(2 * MAX_BYTES, "v");
      for (int i = 1; i <= shareholders; i++) {
        verificationKeys.add(in.unsigned(2 * MAX_BYTES, "verification key " + i));
      }
    }
    in.end();
    if (n.bitLength() < MIN_BITS) {
      throw in.fail("modulus has " + n.bitLength() + " bits; at least " + MIN_BITS + " are required");
    }
    PaillierPublicKey publicKey;
    FixedPointPacker packer;
    Optional<ThresholdPublicKey> thresholdKey = Optional.empty();
    try {
      publicKey = new PaillierPublicKey(n, g, hs);
      packer = new FixedPointPacker(fractionBits, clipBound, maxContributors, n.bitLength(), slots);
      if (threshold != 0 || shareholders != 0) {
        ThresholdPaillier.checkParameters(threshold, shareholders);
        if (!g.equals(n.add(BigInteger.ONE))) {
          throw new IllegalArgumentException("a threshold key must have g = n + 1");
        }
        thresholdKey = Optional.of(new ThresholdPublicKey(publicKey, threshold, shareholders, v, verificationKeys));
      }
    } catch (IllegalArgumentException e) {
      throw in.fail(e.getMessage());
    }
    Optional<PaillierPrivateKey> privateKey = Optional.empty();
    List<ThresholdPaillier.Share> shares = List.of();
    if (key.hasSecret()) {
      byte[] secret = key.secretPart().orElseThrow().toByteArray(SecretAccess.get());
      try {
        WireReader s = new WireReader(secret, "paillier secret key");
        int type = s.u8("type");
        if (threshold == 0 && type == ORDINARY) {
          BigInteger p = s.unsigned(MAX_BYTES, "p");
          BigInteger q = s.unsigned(MAX_BYTES, "q");
          privateKey = Optional.of(new PaillierPrivateKey(publicKey, p, q));
        } else if (threshold > 0 && type == ONE_SHARE) {
          shares = List.of(readShare(s, shareholders));
        } else if (threshold > 0 && type == DEALT) {
          int count = s.int32("share count");
          if (count != shareholders) {
            throw s.fail(count + " shares for " + shareholders + " shareholders");
          }
          List<ThresholdPaillier.Share> all = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            all.add(readShare(s, shareholders));
          }
          shares = List.copyOf(all);
        } else {
          throw s.fail("secret part of type " + type + " does not fit a key with threshold " + threshold);
        }
        s.end();
      } catch (IllegalArgumentException e) {
        throw new GeneralSecurityException("corrupt paillier secret key: " + e.getMessage());
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    }
    return new Decoded(publicKey, packer, privateKey, threshold, shareholders, thresholdKey, shares);
  }

  private static ThresholdPaillier.Share readShare(WireReader s, int shareholders) throws GeneralSecurityException {
    int index = s.int32("share index");
    if (index < 1 || index > shareholders) {
      throw s.fail("share index " + index + " is outside [1, " + shareholders + "]");
    }
    return new ThresholdPaillier.Share(index, s.unsigned(3 * MAX_BYTES, "share"));
  }

  private static void writeInt(DataOutputStream out, BigInteger x) throws IOException {
    byte[] m = WireReader.magnitude(x);
    out.writeInt(m.length);
    out.write(m);
  }
}
