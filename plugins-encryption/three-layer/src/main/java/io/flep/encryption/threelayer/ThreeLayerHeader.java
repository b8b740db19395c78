package io.flep.encryption.threelayer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The header travelling with a {@code flep-3layer} cipher image, version {@value #VERSION}, 20 bytes big-endian:
 * {@code "F3L" | version (u8) | original width (i32) | original height (i32) | key check (8 bytes)}. The key
 * check is the first 8 bytes of SHA-256("flep-3layer key check v1" ‖ {@link ThreeLayerKey#encryptionBytes()} ‖ len(AD) (i32) ‖ AD): it
 * turns a wrong key or wrong associated data into a clear error. It is <em>not</em> authentication — the cipher
 * image itself is unprotected and can be altered undetected.
 */
record ThreeLayerHeader(int width, int height, byte[] keyCheck) {
  static final int VERSION = 1;
  static final int LENGTH = 20;
  static final int KEY_CHECK_BYTES = 8;
  private static final byte[] MAGIC = {'F', '3', 'L'};
  private static final byte[] DOMAIN = "flep-3layer key check v1".getBytes(StandardCharsets.US_ASCII);

  byte[] toBytes() {
    return ByteBuffer.allocate(LENGTH).put(MAGIC).put((byte) VERSION).putInt(width).putInt(height).put(keyCheck).array();
  }

  /** @throws GeneralSecurityException naming what is wrong (length, magic, version, size) */
  static ThreeLayerHeader parse(byte[] header) throws GeneralSecurityException {
    if (header.length != LENGTH) {
      throw new GeneralSecurityException("not a flep-3layer cipher header: " + header.length + " bytes, " + LENGTH + " expected");
    }
    ByteBuffer b = ByteBuffer.wrap(header);
    if (b.get() != MAGIC[0] || b.get() != MAGIC[1] || b.get() != MAGIC[2]) {
      throw new GeneralSecurityException("not a flep-3layer cipher header: wrong magic bytes");
    }
    int version = b.get() & 0xff;
    if (version != VERSION) {
      throw new GeneralSecurityException("unsupported flep-3layer cipher version " + version + " (supported: " + VERSION + ")");
    }
    int w = b.getInt();
    int h = b.getInt();
    if (w <= 0 || h <= 0) {
      throw new GeneralSecurityException("corrupt flep-3layer header: image size " + w + "x" + h);
    }
    byte[] check = new byte[KEY_CHECK_BYTES];
    b.get(check);
    return new ThreeLayerHeader(w, h, check);
  }

  static byte[] keyCheck(byte[] serialisedKey, byte[] associatedData) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
    sha.update(DOMAIN);
    sha.update(serialisedKey);
    sha.update(ByteBuffer.allocate(4).putInt(associatedData.length).array());
    sha.update(associatedData);
    byte[] d = sha.digest();
    byte[] out = new byte[KEY_CHECK_BYTES];
    System.arraycopy(d, 0, out, 0, KEY_CHECK_BYTES);
    return out;
  }
}
