package io.flep.encryption.hardened;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
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
  static final Set<String> OPTIONS =
      Set.of("keySizeBits", "blockSize", "noise", "layers", "noiseMean", "noiseSigma");

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

  /**
   * A fresh key from options {@code keySizeBits} (128, 192 or 256; default 256), {@code blockSize} (2),
   * {@code noise} (false) or equivalently {@code layers} (2 = scramble + DWT blend, 3 = plus noise),
   * {@code noiseMean} (0), {@code noiseSigma} (25).
   *
   * @throws IllegalArgumentException naming the option that is unknown, malformed or out of range
   */
  static HardenedKey generate(PluginOptions options, SecureRandom random) {
    for (String name : options.names()) {
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException("plugin option '" + name + "' is not supported by "
            + HardenedProvider.ID + " (supported: " + String.join(", ", new TreeSet<>(OPTIONS)) + ")"
            + (name.startsWith("alpha") ? "; its blending weights are derived from key and nonce" : ""));
      }
    }
    int bits = options.getInt("keySizeBits", 256);
    if (bits != 128 && bits != 192 && bits != 256) {
      throw new IllegalArgumentException("plugin option 'keySizeBits' must be 128, 192 or 256, got '" + bits + "'");
    }
    boolean noise = options.getBoolean("noise", false);
    if (options.has("layers")) {
      int layers = options.getInt("layers", 2);
      if (layers != 2 && layers != 3) {
        throw new IllegalArgumentException("plugin option 'layers' must be 2 (scramble + DWT blend) or 3 (+ noise)"
            + " for " + HardenedProvider.ID + ", got '" + layers + "'");
      }
      if (options.has("noise") && noise != (layers == 3)) {
        throw new IllegalArgumentException(
            "plugin options 'layers' = " + layers + " and 'noise' = " + noise + " contradict each other");
      }
      noise = layers == 3;
    }
    int blockSize = options.getInt("blockSize", 2);
    double mean = options.getDouble("noiseMean", 0);
    double sigma = options.getDouble("noiseSigma", 25);
    try {
      return new HardenedKey(SecretBytes.randomBytes(bits / 8, random), blockSize, noise, mean, sigma);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("plugin option " + e.getMessage(), e);
    }
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
