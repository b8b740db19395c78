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
import java.util.Arrays;
import java.util.Optional;

/**
 * Converts Paillier keys and their packing parameters to and from {@link KeyMaterial} (format version 2; version 1
 * keys packed with one more headroom bit per slot and are no longer read).
 * Public part: fractionBits (4) | clipBound (8, IEEE double) | maxContributors (4) | slots (4, 0 = as many as fit)
 * | n | g; secret part: p | q;
 * each integer as length (4) and magnitude bytes.
 */
final class PaillierKeyCodec {
  static final int FORMAT_VERSION = 2;
  static final int MIN_BITS = 1024;
  private static final int MAX_BYTES = 1024; // 8192-bit n

  /** A decoded key: public key, packer, and the private key when the material holds one. */
  record Decoded(PaillierPublicKey publicKey, FixedPointPacker packer, Optional<PaillierPrivateKey> privateKey) {}

  private PaillierKeyCodec() {}

  static KeyMaterial encode(PaillierKeyPair pair, FixedPointPacker packer) {
    ByteArrayOutputStream pub = new ByteArrayOutputStream();
    ByteArrayOutputStream sec = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(pub);
        DataOutputStream secret = new DataOutputStream(sec)) {
      out.writeInt(packer.fractionBits());
      out.writeDouble(packer.clipBound());
      out.writeInt(packer.maxContributors());
      out.writeInt(packer.maxSlots());
      writeInt(out, pair.publicKey().n());
      writeInt(out, pair.publicKey().g());
      writeInt(secret, pair.privateKey().p());
      writeInt(secret, pair.privateKey().q());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams
    }
    byte[] secretBytes = sec.toByteArray();
    try {
      return new KeyMaterial(PaillierSchemeProvider.ID, FORMAT_VERSION, pub.toByteArray(),
          Optional.of(SecretBytes.copyFrom(secretBytes, SecretAccess.get())));
    } finally {
      Arrays.fill(secretBytes, (byte) 0);
    }
  }

  static Decoded decode(KeyMaterial key) throws GeneralSecurityException {
    if (!PaillierSchemeProvider.ID.equals(key.schemeId())) {
      throw new GeneralSecurityException("key belongs to scheme '" + key.schemeId() + "', not 'paillier'");
    }
    if (key.formatVersion() != FORMAT_VERSION) {
      throw new GeneralSecurityException("unsupported paillier key format version " + key.formatVersion()
          + " (supported: " + FORMAT_VERSION + (key.formatVersion() == 1 ? "; version 1 keys used the earlier packing:"
          + " issue a new key" : "") + ")");
    }
    WireReader in = new WireReader(key.publicPart(), "paillier public key");
    int fractionBits = in.int32("fractionBits");
    double clipBound = in.float64("clipBound");
    int maxContributors = in.int32("maxContributors");
    int slots = in.int32("slots");
    BigInteger n = in.unsigned(MAX_BYTES, "n");
    BigInteger g = in.unsigned(2 * MAX_BYTES, "g");
    in.end();
    if (n.bitLength() < MIN_BITS) {
      throw in.fail("modulus has " + n.bitLength() + " bits; at least " + MIN_BITS + " are required");
    }
    PaillierPublicKey publicKey;
    FixedPointPacker packer;
    try {
      publicKey = new PaillierPublicKey(n, g);
      packer = new FixedPointPacker(fractionBits, clipBound, maxContributors, n.bitLength(), slots);
    } catch (IllegalArgumentException e) {
      throw in.fail(e.getMessage());
    }
    Optional<PaillierPrivateKey> privateKey = Optional.empty();
    if (key.hasSecret()) {
      byte[] secret = key.secretPart().orElseThrow().toByteArray(SecretAccess.get());
      try {
        WireReader s = new WireReader(secret, "paillier secret key");
        BigInteger p = s.unsigned(MAX_BYTES, "p");
        BigInteger q = s.unsigned(MAX_BYTES, "q");
        s.end();
        privateKey = Optional.of(new PaillierPrivateKey(publicKey, p, q));
      } catch (IllegalArgumentException e) {
        throw new GeneralSecurityException("corrupt paillier secret key: " + e.getMessage());
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    }
    return new Decoded(publicKey, packer, privateKey);
  }

  private static void writeInt(DataOutputStream out, BigInteger x) throws IOException {
    byte[] m = WireReader.magnitude(x);
    out.writeInt(m.length);
    out.write(m);
  }
}
