package io.flep.he.paillier;

import java.math.BigInteger;
import java.security.GeneralSecurityException;

/**
 * BatchCrypt-style packing of real values into Paillier plaintexts (Zhang et al., USENIX ATC 2020), so one
 * expensive encryption carries many values.
 *
 * <ul>
 *   <li>One fixed scale 2<sup>fractionBits</sup> for every value: a per-value exponent would leak magnitudes.
 *   <li>Values are clipped to [-clipBound, clipBound]; the number clipped is reported by {@link #pack}.
 *   <li>Offset encoding: e = round(v·2<sup>f</sup>) + offset with offset = round(clipBound·2<sup>f</sup>), so
 *       0 ≤ e ≤ 2·offset and all slots are non-negative; valueBits = bit length of 2·offset.
 *   <li>Each slot has headroomBits = ⌈log2(maxContributors)⌉ extra bits: every encoding is below
 *       2<sup>valueBits</sup>, so a sum of up to maxContributors encodings (weights counted) stays below
 *       2<sup>valueBits + headroomBits</sup> and never carries into the next slot.
 *   <li>slotsPerPlaintext = ⌊(modulusBits - 1) / slotBits⌋ keeps every packed plaintext below n.
 *   <li>Decoding a sum of k contributions subtracts k·offset; the error per value is at most
 *       k·2<sup>-(fractionBits+1)</sup> from rounding, plus whatever clipping removed.
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class FixedPointPacker {
  /** Slots are decoded in a {@code long}; this keeps every sum far from overflow. */
  static final int MAX_SLOT_BITS = 62;

  private final int fractionBits;
  private final double clipBound;
  private final int maxContributors;
  private final double scale;
  private final long offset;
  private final int valueBits;
  private final int headroomBits;
  private final int slotBits;
  private final int slotsPerPlaintext;
  private final int maxSlots;

  /** Result of packing one vector. */
  public record Packed(BigInteger[] plaintexts, int clippedCount) {}

  /** As many slots per plaintext as the modulus holds. */
  public FixedPointPacker(int fractionBits, double clipBound, int maxContributors, int modulusBits) {
    this(fractionBits, clipBound, maxContributors, modulusBits, 0);
  }

  /**
   * @param modulusBits bit length of the Paillier modulus n
   * @param maxSlots    at most this many values per plaintext (1 = unpacked, textbook Paillier), 0 for no limit
   * @throws IllegalArgumentException naming the option that makes the layout impossible
   */
  public FixedPointPacker(int fractionBits, double clipBound, int maxContributors, int modulusBits, int maxSlots) {
    if (fractionBits < 0 || fractionBits > 48) {
      throw new IllegalArgumentException("plugin option 'fractionBits' must be in [0, 48], got '" + fractionBits + "'");
    }
    if (!(clipBound > 0) || !Double.isFinite(clipBound)) {
      throw new IllegalArgumentException("plugin option 'clipBound' must be a positive number, got '" + clipBound + "'");
    }
    if (maxContributors < 1 || maxContributors > (1 << 20)) {
      throw new IllegalArgumentException(
          "plugin option 'maxContributors' must be in [1, 1048576], got '" + maxContributors + "'");
    }
    this.fractionBits = fractionBits;
    this.clipBound = clipBound;
    this.maxContributors = maxContributors;
    this.scale = Math.scalb(1.0, fractionBits);
    double scaledBound = clipBound * scale;
    if (scaledBound < 0.5 || scaledBound > 0x1p52) {
      throw new IllegalArgumentException("clipBound " + clipBound + " with fractionBits " + fractionBits
          + " gives " + scaledBound + " quantisation steps; it must be between 0.5 and 2^52");
    }
    this.offset = Math.round(scaledBound);
    this.valueBits = 64 - Long.numberOfLeadingZeros(2 * offset);
    this.headroomBits = 32 - Integer.numberOfLeadingZeros(maxContributors - 1);
    this.slotBits = valueBits + headroomBits;
    if (slotBits > MAX_SLOT_BITS) {
      throw new IllegalArgumentException("slot width " + slotBits + " bits (" + valueBits + " value + " + headroomBits
          + " headroom) exceeds " + MAX_SLOT_BITS + "; lower fractionBits, clipBound or maxContributors");
    }
    if (maxSlots < 0) {
      throw new IllegalArgumentException("plugin option 'slots' must be 0 (as many as fit) or positive, got '"
          + maxSlots + "'");
    }
    int fit = (modulusBits - 1) / slotBits;
    if (fit < 1) {
      throw new IllegalArgumentException("a " + modulusBits + "-bit modulus cannot hold one " + slotBits + "-bit slot");
    }
    this.maxSlots = maxSlots;
    this.slotsPerPlaintext = maxSlots == 0 ? fit : Math.min(fit, maxSlots);
  }

  public int fractionBits() {
    return fractionBits;
  }

  public double clipBound() {
    return clipBound;
  }

  public int maxContributors() {
    return maxContributors;
  }

  /** The integer added to every scaled value, round(clipBound·2<sup>fractionBits</sup>). */
  public long offset() {
    return offset;
  }

  public int valueBits() {
    return valueBits;
  }

  public int headroomBits() {
    return headroomBits;
  }

  public int slotBits() {
    return slotBits;
  }

  /** The configured limit on slots per plaintext, 0 for none. */
  public int maxSlots() {
    return maxSlots;
  }

  public int slotsPerPlaintext() {
    return slotsPerPlaintext;
  }

  /** Number of plaintexts (and so ciphertexts) needed for a vector of {@code length} values. */
  public int plaintextCount(int length) {
    return (length + slotsPerPlaintext - 1) / slotsPerPlaintext;
  }

  /** Worst-case rounding error per value in a decoded sum of {@code contributors} encodings. */
  public double maxRoundingError(int contributors) {
    return contributors * Math.scalb(1.0, -(fractionBits + 1));
  }

  /**
   * Encodes and packs a vector; value i goes to plaintext i / slots, slot i % slots (slot j at bit j·slotBits).
   *
   * @throws IllegalArgumentException if the vector is empty or holds NaN or an infinity (the index is named)
   */
  public Packed pack(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("cannot encrypt an empty vector");
    }
    BigInteger[] plaintexts = new BigInteger[plaintextCount(values.length)];
    int clipped = 0;
    for (int chunk = 0; chunk < plaintexts.length; chunk++) {
      int from = chunk * slotsPerPlaintext;
      int to = Math.min(values.length, from + slotsPerPlaintext);
      BigInteger packed = BigInteger.ZERO;
      for (int i = to - 1; i >= from; i--) {
        double v = values[i];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("value at index " + i + " is " + v + "; only finite values can be encrypted");
        }
        if (v > clipBound || v < -clipBound) {
          clipped++;
          v = Math.max(-clipBound, Math.min(clipBound, v));
        }
        packed = packed.shiftLeft(slotBits).or(BigInteger.valueOf(Math.round(v * scale) + offset));
      }
      plaintexts[chunk] = packed;
    }
    return new Packed(plaintexts, clipped);
  }

  /**
   * Unpacks the decrypted sum of {@code contributors} encodings.
   *
   * @throws GeneralSecurityException if a slot exceeds what {@code contributors} encodings can sum to, i.e. the
   *     ciphertext was altered or its contributor count is wrong
   */
  public double[] unpack(BigInteger[] plaintexts, int length, int contributors) throws GeneralSecurityException {
    if (contributors < 1 || contributors > maxContributors) {
      throw new GeneralSecurityException(
          "contributor count " + contributors + " is outside [1, " + maxContributors + "] for this key");
    }
    if (plaintexts.length != plaintextCount(length)) {
      throw new GeneralSecurityException(
          plaintexts.length + " plaintexts cannot hold " + length + " values of " + slotsPerPlaintext + " per plaintext");
    }
    long maxSlot = contributors * 2 * offset;
    long shift = contributors * offset;
    double[] out = new double[length];
    for (int chunk = 0; chunk < plaintexts.length; chunk++) {
      BigInteger x = plaintexts[chunk];
      if (x.bitLength() > slotsPerPlaintext * slotBits) {
        throw new GeneralSecurityException("decrypted plaintext " + chunk + " overflows its slots");
      }
      int from = chunk * slotsPerPlaintext;
      int to = Math.min(length, from + slotsPerPlaintext);
      byte[] bigEndian = x.toByteArray();
      for (int i = from; i < to; i++) {
        long slot = bits(bigEndian, (i - from) * slotBits, slotBits);
        if (slot > maxSlot) {
          throw new GeneralSecurityException("decrypted slot " + i + " exceeds the bound for " + contributors
              + " contributors: the ciphertext was altered or its contributor count is wrong");
        }
        out[i] = (slot - shift) / scale;
      }
    }
    return out;
  }

  /**
   * Bits [from, from + count) of the non-negative integer with these big-endian two's-complement bytes, count ≤
   * {@value #MAX_SLOT_BITS}: what {@code x.shiftRight(from).longValue()} masked to count bits gives, without copying x.
   */
  static long bits(byte[] bigEndian, int from, int count) {
    int firstByte = from >>> 3;
    int shift = from & 7;
    long low = 0;
    for (int k = 7; k >= 0; k--) {
      low = (low << 8) | byteAt(bigEndian, firstByte + k);
    }
    long value = low >>> shift;
    if (count > 64 - shift) { // the slot reaches into a ninth byte
      value |= (long) byteAt(bigEndian, firstByte + 8) << (64 - shift);
    }
    return value & ((1L << count) - 1);
  }

  /** Byte {@code k} counted from the least significant end; 0 past the top. */
  private static int byteAt(byte[] bigEndian, int k) {
    int index = bigEndian.length - 1 - k;
    return index >= 0 ? bigEndian[index] & 0xff : 0;
  }

  @Override
  public String toString() {
    return "FixedPointPacker[fractionBits=" + fractionBits + ", clipBound=" + clipBound + ", maxContributors="
        + maxContributors + ", slotBits=" + slotBits + ", slots=" + slotsPerPlaintext + "]";
  }
}
