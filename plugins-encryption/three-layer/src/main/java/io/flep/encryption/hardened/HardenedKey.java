package io.flep.encryption.hardened;

import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import io.flep.plugin.api.param.ParameterValues;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed key of {@code flep-3layer-hardened}: a master secret of 16, 24 or 32 bytes (128 to 256 bits; 256 by
 * default) plus the layer parameters. Stored as {@link KeyMaterial} with scheme {@link HardenedProvider#ID},
 * format version {@value #FORMAT_VERSION}, the master secret as secret part and the parameters as public part
 * (big-endian, 18 bytes):
 *
 * <pre>
 * blockSize (1 byte, 1..64) | flags (1 byte, bit 0 = noise layer on) | noiseMean (8-byte IEEE double)
 * | noiseSigma (8-byte IEEE double, 0..128)
 * </pre>
 *
 * The public part is authenticated by every tag made with the key, so parameters cannot be swapped silently.
 * {@link #fromKeyMaterial} validates every field and names the one that is wrong.
 */
record HardenedKey(SecretBytes master, int blockSize, boolean noise, double noiseMean, double noiseSigma) {
  static final int FORMAT_VERSION = 1;
  static final int PUBLIC_BYTES = 18;
  static final int MAX_BLOCK_SIZE = 64;
  static final double MAX_SIGMA = 128;

  HardenedKey {
    if (master.size() != 16 && master.size() != 24 && master.size() != 32) {
      throw new IllegalArgumentException(
          "flep-3layer-hardened master key must be 16, 24 or 32 bytes (128-256 bits), got " + master.size());
    }
    if (blockSize < 1 || blockSize > MAX_BLOCK_SIZE) {
      throw new IllegalArgumentException("blockSize must be 1.." + MAX_BLOCK_SIZE + ", got " + blockSize);
    }
    if (!Double.isFinite(noiseMean) || Math.abs(noiseMean) > 255) {
      throw new IllegalArgumentException("noiseMean must be a finite number in [-255, 255], got " + noiseMean);
    }
    if (!Double.isFinite(noiseSigma) || noiseSigma < 0 || noiseSigma > MAX_SIGMA) {
      throw new IllegalArgumentException("noiseSigma must be in [0, " + MAX_SIGMA + "], got " + noiseSigma);
    }
  }

  /** A fresh key from validated options ({@link HardenedParameters}). */
  static HardenedKey generate(ParameterValues options, SecureRandom random) {
    int bits = options.get(HardenedParameters.KEY_SIZE_BITS);
    boolean noise = options.find(HardenedParameters.LAYERS).map(layers -> layers == 3)
        .orElse(options.get(HardenedParameters.NOISE));
    return new HardenedKey(SecretBytes.randomBytes(bits / 8, random), options.get(HardenedParameters.BLOCK_SIZE), noise,
        options.get(HardenedParameters.NOISE_MEAN), options.get(HardenedParameters.NOISE_SIGMA));
  }

  /** The parameters as the 18-byte public part. */
  byte[] publicPart() {
    return ByteBuffer.allocate(PUBLIC_BYTES)
        .put((byte) blockSize)
        .put((byte) (noise ? 1 : 0))
        .putDouble(noiseMean)
        .putDouble(noiseSigma)
        .array();
  }

  KeyMaterial toKeyMaterial() {
    return new KeyMaterial(HardenedProvider.ID, FORMAT_VERSION, publicPart(), Optional.of(master));
  }

  /**
   * Parses and validates a stored key.
   *
   * @throws GeneralSecurityException if the key belongs to another scheme, has another format version, lacks the
   *     secret, or any field is malformed (the message names it, never key bytes)
   */
  static HardenedKey fromKeyMaterial(KeyMaterial key) throws GeneralSecurityException {
    if (!HardenedProvider.ID.equals(key.schemeId())) {
      throw new GeneralSecurityException(
          "key belongs to scheme '" + key.schemeId() + "', not '" + HardenedProvider.ID + "'");
    }
    if (key.formatVersion() != FORMAT_VERSION) {
      throw new GeneralSecurityException("unsupported " + HardenedProvider.ID + " key format version "
          + key.formatVersion() + " (supported: " + FORMAT_VERSION + ")");
    }
    SecretBytes secret = key.secretPart().orElseThrow(
        () -> new GeneralSecurityException(HardenedProvider.ID + " key holds no secret part"));
    byte[] pub = key.publicPart();
    if (pub.length != PUBLIC_BYTES) {
      throw new GeneralSecurityException("corrupt " + HardenedProvider.ID + " key: parameters are " + pub.length
          + " bytes, expected " + PUBLIC_BYTES);
    }
    ByteBuffer in = ByteBuffer.wrap(pub);
    int blockSize = in.get() & 0xff;
    int flags = in.get() & 0xff;
    if ((flags & ~1) != 0) {
      throw new GeneralSecurityException("corrupt " + HardenedProvider.ID + " key: unknown flags " + flags);
    }
    try {
      return new HardenedKey(secret, blockSize, flags == 1, in.getDouble(), in.getDouble());
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("corrupt " + HardenedProvider.ID + " key: " + e.getMessage(), e);
    }
  }

  /** A copy of the master secret; wipe it after use. */
  byte[] masterBytes() {
    return master.toByteArray(SecretAccess.get());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HardenedKey k && Arrays.equals(publicPart(), k.publicPart())
        && master.equalsSecretBytes(k.master);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicPart());
  }

  /** Parameters only; the secret is redacted. */
  @Override
  public String toString() {
    return "HardenedKey[" + master.size() * 8 + "-bit, blockSize " + blockSize + ", noise "
        + (noise ? "on (mean " + noiseMean + ", sigma " + noiseSigma + ")" : "off") + ", secret redacted]";
  }
}
