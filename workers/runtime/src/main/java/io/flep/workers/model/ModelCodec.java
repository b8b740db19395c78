package io.flep.workers.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Binary form of a flattened parameter vector, all little-endian:
 *
 * <pre>
 *  offset  size  field
 *  0       4     magic "FLPM" (0x46 0x4C 0x50 0x4D)
 *  4       2     format version, uint16 = 1
 *  6       2     architecture-id length L in bytes, uint16, 1..255
 *  8       L     architecture id, UTF-8 (e.g. the digit model's)
 *  8+L     4     parameter count N, int32 &gt;= 0
 *  12+L    4N    parameters, IEEE-754 float32
 * </pre>
 *
 * The blob is exactly {@code 12 + L + 4N} bytes. Decoding checks every field and rejects
 * non-finite parameters with a {@link ModelFormatException} that says what is wrong.
 */
public final class ModelCodec {

  public static final byte[] MAGIC = {'F', 'L', 'P', 'M'};
  public static final int VERSION = 1;
  public static final int MAX_ARCHITECTURE_ID_BYTES = 255;
  private static final int FIXED_HEADER = 4 + 2 + 2 + 4;

  /** A decoded blob. */
  public record Decoded(String architectureId, float[] params) {
  }

  /** Thrown for any malformed, truncated, foreign or mismatching blob. */
  public static final class ModelFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
      super(message);
    }
  }

  private ModelCodec() {
  }

  /** Encodes parameters of {@code architecture}, checking their count. */
  public static byte[] encode(ModelArchitecture architecture, float[] params) {
    Objects.requireNonNull(params, "params");
    if (params.length != architecture.parameterCount()) {
      throw new IllegalArgumentException("expected " + architecture.parameterCount() + " parameters for "
          + architecture.architectureId() + ", got " + params.length);
    }
    return encode(architecture.architectureId(), params);
  }

  /** Encodes parameters under any architecture id. */
  public static byte[] encode(String architectureId, float[] params) {
    Objects.requireNonNull(architectureId, "architectureId");
    Objects.requireNonNull(params, "params");
    byte[] id = architectureId.getBytes(StandardCharsets.UTF_8);
    if (id.length == 0 || id.length > MAX_ARCHITECTURE_ID_BYTES) {
      throw new IllegalArgumentException("architecture id must be 1.." + MAX_ARCHITECTURE_ID_BYTES
          + " UTF-8 bytes, got " + id.length);
    }
    ByteBuffer buf = ByteBuffer.allocate(FIXED_HEADER + id.length + 4 * params.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).putShort((short) VERSION).putShort((short) id.length).put(id).putInt(params.length);
    buf.asFloatBuffer().put(params);
    return buf.array();
  }

  /** Decodes a blob of {@code architecture}, checking its id and parameter count. */
  public static float[] decode(byte[] bytes, ModelArchitecture architecture) {
    return decode(bytes, architecture.architectureId(), architecture.parameterCount());
  }

  /** Decodes and checks the architecture id and the parameter count. */
  public static float[] decode(byte[] bytes, String expectedArchitectureId, int expectedCount) {
    Decoded decoded = read(bytes);
    if (!decoded.architectureId().equals(expectedArchitectureId)) {
      throw new ModelFormatException("model architecture '" + decoded.architectureId()
          + "' does not match the expected '" + expectedArchitectureId + "'");
    }
    if (decoded.params().length != expectedCount) {
      throw new ModelFormatException("model has " + decoded.params().length + " parameters, expected "
          + expectedCount);
    }
    return decoded.params();
  }

  /** Decodes any well-formed blob, whatever its architecture. */
  public static Decoded read(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < FIXED_HEADER + 1) {
      throw new ModelFormatException("model blob too short: " + bytes.length + " bytes, header needs at least "
          + (FIXED_HEADER + 1));
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < MAGIC.length; i++) {
      if (buf.get() != MAGIC[i]) {
        throw new ModelFormatException("not a FLEP model blob (bad magic, expected \"FLPM\")");
      }
    }
    int version = Short.toUnsignedInt(buf.getShort());
    if (version != VERSION) {
      throw new ModelFormatException("unsupported model format version " + version + " (this reader knows "
          + VERSION + ")");
    }
    int idLength = Short.toUnsignedInt(buf.getShort());
    if (idLength == 0 || idLength > MAX_ARCHITECTURE_ID_BYTES) {
      throw new ModelFormatException("architecture id length " + idLength + " outside 1.."
          + MAX_ARCHITECTURE_ID_BYTES);
    }
    if (buf.remaining() < idLength + 4) {
      throw new ModelFormatException("model blob truncated in the header (" + bytes.length + " bytes)");
    }
    byte[] id = new byte[idLength];
    buf.get(id);
    String architectureId;
    try {
      architectureId = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(id)).toString();
    } catch (CharacterCodingException e) {
      throw new ModelFormatException("architecture id is not valid UTF-8");
    }
    int count = buf.getInt();
    if (count < 0) {
      throw new ModelFormatException("negative parameter count " + count);
    }
    long expectedPayload = 4L * count;
    if (buf.remaining() != expectedPayload) {
      throw new ModelFormatException("model blob holds " + buf.remaining() + " payload bytes but the header "
          + "announces " + count + " float32 parameters (" + expectedPayload + " bytes)");
    }
    float[] params = new float[count];
    buf.asFloatBuffer().get(params);
    for (int i = 0; i < count; i++) {
      if (!Float.isFinite(params[i])) {
        throw new ModelFormatException("parameter " + i + " is not finite (" + params[i] + ")");
      }
    }
    return new Decoded(architectureId, params);
  }
}
