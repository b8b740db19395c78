package io.flep.plugin.api.key;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Secret key bytes held away from casual reads. The input array is copied on creation and every read returns a
 * fresh copy, so callers cannot alias the internal buffer; reads need an explicit {@link SecretAccess}.
 * {@link #toString()} never reveals content, {@link #equalsSecretBytes} compares in constant time, and
 * {@link #destroy()} zeroes the buffer (copies handed out earlier are the caller's to wipe). Thread-safe.
 *
 * <p>Java cannot guarantee that no other copy exists in memory (e.g. after garbage-collector moves); this class
 * limits accidental exposure, it is not a hardware-backed key store.
 */
public final class SecretBytes {
  private final byte[] bytes;
  private volatile boolean destroyed;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code value}; the caller may wipe its own array afterwards. */
  public static SecretBytes copyFrom(byte[] value, SecretAccess access) {
    SecretAccess.require(access);
    return new SecretBytes(Objects.requireNonNull(value, "value").clone());
  }

  /** {@code length} bytes from {@code random}. */
  public static SecretBytes randomBytes(int length, SecureRandom random) {
    if (length <= 0) {
      throw new IllegalArgumentException("secret length must be positive, got " + length);
    }
    byte[] b = new byte[length];
    random.nextBytes(b);
    return new SecretBytes(b);
  }

  /**
   * A copy of the secret.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  public byte[] toByteArray(SecretAccess access) {
    SecretAccess.require(access);
    checkAlive();
    return bytes.clone();
  }

  /** Length in bytes (not secret). */
  public int size() {
    return bytes.length;
  }

  /** Constant-time comparison of content (time depends only on the lengths). */
  public boolean equalsSecretBytes(SecretBytes other) {
    checkAlive();
    other.checkAlive();
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  /** Overwrites the bytes with zeros; later reads fail. Idempotent. */
  public void destroy() {
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  public boolean isDestroyed() {
    return destroyed;
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("secret bytes were destroyed");
    }
  }

  /** Shows only the size, never the content. */
  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes, redacted" + (destroyed ? ", destroyed" : "") + "]";
  }
}
