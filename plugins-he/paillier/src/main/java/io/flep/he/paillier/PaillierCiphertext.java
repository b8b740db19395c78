package io.flep.he.paillier;

import io.flep.plugin.api.he.HeCiphertext;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * An encrypted packed vector: one Paillier ciphertext per {@link FixedPointPacker#slotsPerPlaintext()} values.
 * Serialised form, version 2 (big-endian):
 *
 * <pre>
 * "FLPH" | version (1 byte) = 2 | key fingerprint (8 bytes) | vector length (4) | contributors (4)
 * | slots per ciphertext (4) | ciphertext count (4) | count × ciphertext (exactly ⌈bits(n²)/8⌉ bytes, unsigned)
 * </pre>
 *
 * Fixed-width ciphertexts make the size a function of the vector length only: 29 header bytes plus
 * ⌈length/slots⌉·⌈bits(n²)/8⌉ (2048-bit key, default packing: 512 bytes per 66 values, 7.76 bytes per value).
 * Version 1 (length-prefixed ciphertexts, the earlier packing) is no longer read.
 *
 * The header is not authenticated: Paillier ciphertexts are malleable by design, so whoever stores or forwards
 * them must be trusted not to alter them (honest-but-curious aggregator). Immutable.
 */
public final class PaillierCiphertext implements HeCiphertext {
  static final byte[] MAGIC = {'F', 'L', 'P', 'H'};
  static final int VERSION = 2;
  static final int HEADER_BYTES = 29;

  private final byte[] fingerprint;
  private final int length;
  private final int contributors;
  private final int slotsPerCiphertext;
  private final BigInteger[] parts;
  private final int partBytes;

  PaillierCiphertext(byte[] fingerprint, int length, int contributors, int slotsPerCiphertext, BigInteger[] parts,
      int partBytes) {
    this.partBytes = partBytes;
    this.fingerprint = fingerprint.clone();
    this.length = length;
    this.contributors = contributors;
    this.slotsPerCiphertext = slotsPerCiphertext;
    this.parts = parts.clone();
  }

  BigInteger[] parts() {
    return parts.clone();
  }

  byte[] fingerprintBytes() {
    return fingerprint.clone();
  }

  int slotsPerCiphertext() {
    return slotsPerCiphertext;
  }

  /** Number of Paillier ciphertexts. */
  public int ciphertextCount() {
    return parts.length;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public int contributors() {
    return contributors;
  }

  @Override
  public String keyFingerprint() {
    return HexFormat.of().formatHex(fingerprint);
  }

  @Override
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER_BYTES + parts.length * partBytes);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeByte(VERSION);
      out.write(fingerprint);
      out.writeInt(length);
      out.writeInt(contributors);
      out.writeInt(slotsPerCiphertext);
      out.writeInt(parts.length);
      for (BigInteger part : parts) {
        out.write(WireReader.fixedWidth(part, partBytes));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory stream
    }
    return bytes.toByteArray();
  }

  @Override
  public String toString() {
    return "PaillierCiphertext[key " + keyFingerprint() + ", " + length + " values, " + contributors
        + " contributors, " + parts.length + " ciphertexts]";
  }
}
