package io.flep.plugin.api.key;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A plugin key: the id of the scheme it belongs to, the scheme's own key format version, a public part (may be
 * empty, e.g. for symmetric keys) and an optional {@link SecretBytes} secret part. Immutable apart from
 * {@link SecretBytes#destroy()}; {@link #toString()} never shows key bytes.
 *
 * <p>Serialised form (big-endian), version 1:
 *
 * <pre>
 * "FLKM" | container version (1 byte) = 1 | flags (1 byte, bit 0 = secret present)
 * | scheme id length (2 bytes) | scheme id (ASCII) | scheme format version (4 bytes)
 * | public length (4 bytes) | public part | [secret length (4 bytes) | secret part]
 * </pre>
 *
 * The container carries no integrity protection of its own: store secret serialisations only encrypted (e.g.
 * wrapped under an AEAD key), and let the plugin validate the contents when it builds a cipher or scheme.
 */
public final class KeyMaterial {
  /** Current container version written by {@link #serializePublic()} and {@link #serializeSecret}. */
  public static final int CONTAINER_VERSION = 1;

  private static final byte[] MAGIC = {'F', 'L', 'K', 'M'};
  private static final int MAX_PART = 1 << 24;
  private static final Pattern SCHEME_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final String schemeId;
  private final int formatVersion;
  private final byte[] publicPart;
  private final SecretBytes secretPart;

  /**
   * @param schemeId plugin id the key belongs to (lower case, digits, {@code .-_}; at most 64 characters)
   * @param formatVersion the scheme's own version of the key layout (non-negative)
   * @param publicPart public bytes, copied; may be empty
   * @param secretPart secret bytes, or empty for a public-only key
   */
  public KeyMaterial(String schemeId, int formatVersion, byte[] publicPart, Optional<SecretBytes> secretPart) {
    Objects.requireNonNull(schemeId, "schemeId");
    if (!SCHEME_ID.matcher(schemeId).matches()) {
      throw new IllegalArgumentException("invalid scheme id '" + schemeId + "'");
    }
    if (formatVersion < 0) {
      throw new IllegalArgumentException("format version must not be negative, got " + formatVersion);
    }
    if (publicPart.length > MAX_PART) {
      throw new IllegalArgumentException("public part too large: " + publicPart.length + " bytes");
    }
    this.schemeId = schemeId;
    this.formatVersion = formatVersion;
    this.publicPart = publicPart.clone();
    this.secretPart = Objects.requireNonNull(secretPart, "secretPart").orElse(null);
  }

  /** A public-only key. */
  public KeyMaterial(String schemeId, int formatVersion, byte[] publicPart) {
    this(schemeId, formatVersion, publicPart, Optional.empty());
  }

  public String schemeId() {
    return schemeId;
  }

  public int formatVersion() {
    return formatVersion;
  }

  /** A copy of the public part. */
  public byte[] publicPart() {
    return publicPart.clone();
  }

  public Optional<SecretBytes> secretPart() {
    return Optional.ofNullable(secretPart);
  }

  public boolean hasSecret() {
    return secretPart != null;
  }

  /** The same key without its secret part, safe to hand to parties that must only encrypt. */
  public KeyMaterial publicOnly() {
    return new KeyMaterial(schemeId, formatVersion, publicPart);
  }

  /** Serialises scheme id, format version and public part only; never includes the secret. */
  public byte[] serializePublic() {
    return serialize(null);
  }

  /**
   * Serialises the whole key including the secret part. Encrypt the result before storing it.
   *
   * @throws IllegalStateException if this key holds no secret part
   */
  public byte[] serializeSecret(SecretAccess access) {
    SecretAccess.require(access);
    if (secretPart == null) {
      throw new IllegalStateException(schemeId + " key holds no secret part to serialise");
    }
    byte[] secret = secretPart.toByteArray(access);
    try {
      return serialize(secret);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  private byte[] serialize(byte[] secret) {
    byte[] id = schemeId.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + publicPart.length + (secret == null ? 0 : secret.length));
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeByte(CONTAINER_VERSION);
      out.writeByte(secret == null ? 0 : 1);
      out.writeShort(id.length);
      out.write(id);
      out.writeInt(formatVersion);
      out.writeInt(publicPart.length);
      out.write(publicPart);
      if (secret != null) {
        out.writeInt(secret.length);
        out.write(secret);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen with an in-memory stream
    }
    return bytes.toByteArray();
  }

  /**
   * Parses the output of {@link #serializePublic()} or {@link #serializeSecret}.
   *
   * @throws GeneralSecurityException if the bytes are not a key container of a supported version, or any length
   *     is inconsistent (the message says which check failed, never key content)
   */
  public static KeyMaterial deserialize(byte[] serialized) throws GeneralSecurityException {
    if (serialized == null || serialized.length < MAGIC.length + 2) {
      throw new GeneralSecurityException(
          "not a FLEP key: " + (serialized == null ? "no bytes" : serialized.length + " bytes is too short"));
    }
    ByteBuffer in = ByteBuffer.wrap(serialized);
    byte[] magic = new byte[MAGIC.length];
    in.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new GeneralSecurityException("not a FLEP key: wrong magic bytes");
    }
    int version = in.get() & 0xff;
    if (version != CONTAINER_VERSION) {
      throw new GeneralSecurityException(
          "unsupported FLEP key container version " + version + " (supported: " + CONTAINER_VERSION + ")");
    }
    int flags = in.get() & 0xff;
    if ((flags & ~1) != 0) {
      throw new GeneralSecurityException("corrupt FLEP key: unknown flags " + flags);
    }
    byte[] secret = null;
    try {
      String schemeId = new String(readPart(in, in.getShort() & 0xffff, "scheme id", 64), StandardCharsets.US_ASCII);
      if (!SCHEME_ID.matcher(schemeId).matches()) {
        throw new GeneralSecurityException("corrupt FLEP key: invalid scheme id");
      }
      int formatVersion = in.getInt();
      if (formatVersion < 0) {
        throw new GeneralSecurityException("corrupt FLEP key: negative format version");
      }
      byte[] publicPart = readPart(in, in.getInt(), "public part", MAX_PART);
      if ((flags & 1) != 0) {
        secret = readPart(in, in.getInt(), "secret part", MAX_PART);
      }
      if (in.hasRemaining()) {
        throw new GeneralSecurityException("corrupt FLEP key: " + in.remaining() + " unexpected trailing bytes");
      }
      Optional<SecretBytes> secretPart =
          secret == null ? Optional.empty() : Optional.of(SecretBytes.copyFrom(secret, SecretAccess.get()));
      return new KeyMaterial(schemeId, formatVersion, publicPart, secretPart);
    } catch (BufferUnderflowException e) {
      throw new GeneralSecurityException("corrupt FLEP key: truncated (" + serialized.length + " bytes)");
    } finally {
      if (secret != null) {
        Arrays.fill(secret, (byte) 0);
      }
    }
  }

  private static byte[] readPart(ByteBuffer in, int length, String what, int max) throws GeneralSecurityException {
    if (length < 0 || length > max || length > in.remaining()) {
      throw new GeneralSecurityException(
          "corrupt FLEP key: " + what + " length " + length + " does not fit the " + in.remaining() + " bytes left");
    }
    byte[] b = new byte[length];
    in.get(b);
    return b;
  }

  /** Scheme, format version and sizes only; key bytes are redacted. */
  @Override
  public String toString() {
    return "KeyMaterial[" + schemeId + " v" + formatVersion + ", public " + publicPart.length + " bytes, "
        + (secretPart == null ? "no secret" : "secret redacted") + "]";
  }
}
