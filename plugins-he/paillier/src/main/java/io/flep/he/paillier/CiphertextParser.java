package io.flep.he.paillier;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

/** Validates and reads {@link PaillierCiphertext#toBytes()} output for one key and packing. */
final class CiphertextParser {
  private static final int MAX_LENGTH = 1 << 28;

  private final PaillierPublicKey key;
  private final FixedPointPacker packer;

  CiphertextParser(PaillierPublicKey key, FixedPointPacker packer) {
    this.key = key;
    this.packer = packer;
  }

  PaillierCiphertext parse(byte[] bytes) throws GeneralSecurityException {
    if (bytes == null || bytes.length < PaillierCiphertext.MAGIC.length
        || !Arrays.equals(bytes, 0, 4, PaillierCiphertext.MAGIC, 0, 4)) {
      throw new GeneralSecurityException("not a paillier ciphertext: wrong magic bytes");
    }
    WireReader in = new WireReader(bytes, "paillier ciphertext");
    in.bytes(4, "magic");
    int version = in.u8("version");
    if (version != PaillierCiphertext.VERSION) {
      throw new GeneralSecurityException("unsupported paillier ciphertext version " + version + " (supported: "
          + PaillierCiphertext.VERSION + (version == 1 ? "; version 1 was written before fixed-width packing v2:"
          + " encrypt the update again under a new key" : "") + ")");
    }
    byte[] fingerprint = in.bytes(8, "key fingerprint");
    if (!Arrays.equals(fingerprint, key.fingerprintBytes())) {
      throw new GeneralSecurityException("paillier ciphertext was made under key " + HexFormat.of().formatHex(fingerprint)
          + ", not this scheme's key " + key.fingerprint());
    }
    int length = in.int32("vector length");
    if (length < 1 || length > MAX_LENGTH) {
      throw in.fail("vector length " + length + " is outside [1, " + MAX_LENGTH + "]");
    }
    int contributors = in.int32("contributors");
    if (contributors < 1 || contributors > packer.maxContributors()) {
      throw in.fail("contributor count " + contributors + " is outside [1, " + packer.maxContributors() + "]");
    }
    int slots = in.int32("slots per ciphertext");
    if (slots != packer.slotsPerPlaintext()) {
      throw in.fail(slots + " slots per ciphertext, but this key packs " + packer.slotsPerPlaintext());
    }
    int count = in.int32("ciphertext count");
    if (count != packer.plaintextCount(length)) {
      throw in.fail(count + " ciphertexts cannot hold " + length + " values (" + packer.plaintextCount(length) + " expected)");
    }
    int partBytes = key.ciphertextBytes();
    if ((long) count * partBytes != in.remaining()) {
      throw in.fail(count + " ciphertexts of " + partBytes + " bytes need " + (long) count * partBytes
          + " bytes, but " + in.remaining() + " follow the header (truncated or padded)");
    }
    BigInteger[] parts = new BigInteger[count];
    for (int i = 0; i < count; i++) {
      parts[i] = in.fixedUnsigned(partBytes, "ciphertext " + i);
      if (!key.isValidCiphertext(parts[i])) {
        throw in.fail("ciphertext " + i + " is not an element of Z*_{n^2}");
      }
    }
    in.end();
    return new PaillierCiphertext(fingerprint, length, contributors, slots, parts, partBytes);
  }
}
