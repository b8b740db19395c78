package io.flep.engine.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A client secret as stored: PBKDF2-HMAC-SHA256 with a random 16-byte salt (RFC 8018), written as
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}. The secret itself is never stored.
 */
public final class SecretHash {
  static final String PREFIX = "pbkdf2-sha256";
  private static final int ITERATIONS = 210_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private SecretHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** Hashes a new secret (at least 16 characters). */
  public static SecretHash of(char[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("a client secret needs at least 16 characters");
    }
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return new SecretHash(ITERATIONS, salt, derive(secret, salt, ITERATIONS));
  }

  /** Reads the stored form; the message names what is wrong, never the value. */
  public static SecretHash parse(String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      throw new IllegalArgumentException(
          "a secret hash must look like " + PREFIX + "$<iterations>$<salt>$<hash>");
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      if (iterations < 10_000) {
        throw new IllegalArgumentException("a secret hash needs at least 10000 iterations");
      }
      return new SecretHash(
          iterations, Base64.getDecoder().decode(parts[2]), Base64.getDecoder().decode(parts[3]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unreadable secret hash: " + e.getMessage(), e);
    }
  }

  /** Whether {@code candidate} is the secret (constant time in the hash comparison). */
  public boolean matches(char[] candidate) {
    return MessageDigest.isEqual(hash, derive(candidate, salt, iterations));
  }

  @Override
  public String toString() {
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  private static byte[] derive(char[] secret, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(secret, salt, iterations, 256);
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
  }
}
