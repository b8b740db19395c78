package io.flep.encryption.hardened;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The cipher header of {@code flep-3layer-hardened}, format version {@value #VERSION}, {@value #LENGTH} bytes,
 * big-endian:
 *
 * <pre>
 * version (1) | channels (1: 1 or 3) | blockSize (1) | flags (1: bit 0 = noise layer applied)
 * | original width (4) | original height (4) | nonce (16) | tag (32, HMAC-SHA256)
 * </pre>
 *
 * The cipher image has the original size rounded up to a multiple of {@code lcm(blockSize, 2)} in each direction;
 * decryption crops back. Everything before the tag is authenticated by the tag. Immutable.
 */
record HardenedHeader(int channels, int blockSize, boolean noise, int width, int height, byte[] nonce, byte[] tag) {
  static final int VERSION = 1;
  static final int NONCE_BYTES = 16;
  static final int AUTHENTICATED_LENGTH = 12 + NONCE_BYTES;
  static final int LENGTH = AUTHENTICATED_LENGTH + Prf.TAG_BYTES;

  HardenedHeader {
    nonce = nonce.clone();
    tag = tag.clone();
  }

  /** The side multiple of the padded (cipher) image. */
  static int granule(int blockSize) {
    return blockSize % 2 == 0 ? blockSize : 2 * blockSize;
  }

  static int padded(int size, int blockSize) {
    int g = granule(blockSize);
    return (int) (((long) size + g - 1) / g * g);
  }

  int paddedWidth() {
    return padded(width, blockSize);
  }

  int paddedHeight() {
    return padded(height, blockSize);
  }

  /** The authenticated prefix (everything but the tag). */
  byte[] authenticatedBytes() {
    return ByteBuffer.allocate(AUTHENTICATED_LENGTH)
        .put((byte) VERSION)
        .put((byte) channels)
        .put((byte) blockSize)
        .put((byte) (noise ? 1 : 0))
        .putInt(width)
        .putInt(height)
        .put(nonce)
        .array();
  }

  byte[] toBytes() {
    byte[] out = Arrays.copyOf(authenticatedBytes(), LENGTH);
    System.arraycopy(tag, 0, out, AUTHENTICATED_LENGTH, tag.length);
    return out;
  }

  /**
   * Parses a header; checks only its own consistency (the tag is checked by the cipher).
   *
   * @throws GeneralSecurityException naming the field if the header is truncated, of another version or malformed
   */
  static HardenedHeader parse(byte[] bytes) throws GeneralSecurityException {
    String what = HardenedProvider.ID + " cipher header";
    if (bytes.length != LENGTH) {
      throw new GeneralSecurityException(what + " is " + bytes.length + " bytes, expected " + LENGTH
          + (bytes.length < LENGTH ? " (truncated)" : "") + " - not a cipher image of this scheme or altered");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int version = in.get() & 0xff;
    if (version != VERSION) {
      throw new GeneralSecurityException(
          "unsupported " + what + " version " + version + " (supported: " + VERSION + ")");
    }
    int channels = in.get() & 0xff;
    int blockSize = in.get() & 0xff;
    int flags = in.get() & 0xff;
    int width = in.getInt();
    int height = in.getInt();
    if (channels != 1 && channels != 3) {
      throw new GeneralSecurityException(what + ": channels must be 1 or 3, got " + channels);
    }
    if (blockSize < 1 || blockSize > HardenedKey.MAX_BLOCK_SIZE) {
      throw new GeneralSecurityException(what + ": invalid block size " + blockSize);
    }
    if ((flags & ~1) != 0) {
      throw new GeneralSecurityException(what + ": unknown flags " + flags);
    }
    if (width <= 0 || height <= 0) {
      throw new GeneralSecurityException(what + ": invalid original size " + width + "x" + height);
    }
    byte[] nonce = new byte[NONCE_BYTES];
    in.get(nonce);
    byte[] tag = new byte[Prf.TAG_BYTES];
    in.get(tag);
    return new HardenedHeader(channels, blockSize, flags == 1, width, height, nonce, tag);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HardenedHeader h && Arrays.equals(toBytes(), h.toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    return "HardenedHeader[v" + VERSION + ", " + width + "x" + height + "x" + channels + ", block " + blockSize
        + ", noise " + noise + "]";
  }
}
