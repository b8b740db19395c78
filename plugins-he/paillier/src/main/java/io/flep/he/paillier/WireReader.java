package io.flep.he.paillier;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/** Bounds-checked big-endian reads that fail with {@link GeneralSecurityException} naming what was read. */
final class WireReader {
  private final ByteBuffer in;
  private final String what;

  WireReader(byte[] bytes, String what) {
    this.in = ByteBuffer.wrap(bytes);
    this.what = what;
  }

  int remaining() {
    return in.remaining();
  }

  byte[] bytes(int length, String field) throws GeneralSecurityException {
    need(length, field);
    byte[] b = new byte[length];
    in.get(b);
    return b;
  }

  int u8(String field) throws GeneralSecurityException {
    need(1, field);
    return in.get() & 0xff;
  }

  int int32(String field) throws GeneralSecurityException {
    need(4, field);
    return in.getInt();
  }

  double float64(String field) throws GeneralSecurityException {
    need(8, field);
    return in.getDouble();
  }

  /** A length-prefixed non-negative integer of at most {@code maxBytes} magnitude bytes. */
  BigInteger unsigned(int maxBytes, String field) throws GeneralSecurityException {
    int length = int32(field + " length");
    if (length < 1 || length > maxBytes) {
      throw fail(field + " length " + length + " is outside [1, " + maxBytes + "]");
    }
    return new BigInteger(1, bytes(length, field));
  }

  /** A non-negative integer stored in exactly {@code width} big-endian bytes. */
  BigInteger fixedUnsigned(int width, String field) throws GeneralSecurityException {
    return new BigInteger(1, bytes(width, field));
  }

  void end() throws GeneralSecurityException {
    if (in.hasRemaining()) {
      throw fail(in.remaining() + " unexpected trailing bytes");
    }
  }

  GeneralSecurityException fail(String message) {
    return new GeneralSecurityException("corrupt " + what + ": " + message);
  }

  private void need(int length, String field) throws GeneralSecurityException {
    if (length < 0 || in.remaining() < length) {
      throw fail("truncated while reading " + field + " (" + in.remaining() + " bytes left, " + length + " needed)");
    }
  }

  /** A non-negative integer as exactly {@code width} big-endian bytes, left-padded with zeros. */
  static byte[] fixedWidth(BigInteger x, int width) {
    byte[] m = magnitude(x);
    if (m.length > width) {
      throw new IllegalArgumentException(x.bitLength() + "-bit integer does not fit in " + width + " bytes");
    }
    byte[] out = new byte[width];
    System.arraycopy(m, 0, out, width - m.length, m.length);
    return out;
  }

  /** Magnitude bytes of a non-negative integer, without a sign byte. */
  static byte[] magnitude(BigInteger x) {
    byte[] b = x.toByteArray();
    if (b.length > 1 && b[0] == 0) {
      return Arrays.copyOfRange(b, 1, b.length);
    }
    return b;
  }
}
