package io.flep.encryption.dncnn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The DnCNN model file, version {@value #VERSION} (big-endian):
 * <pre>
 *   8 bytes  magic "FLEPDNCN"
 *   int      format version (1)
 *   UTF      architecture id ({@link DnCnnModel#ARCHITECTURE})
 *   double   σ the model was trained for (0..255 scale)
 *   int      parameter count n
 *   n floats parameters in DL4J params() order
 *   long     CRC-32 of all bytes before it
 * </pre>
 * Reading checks everything and throws {@link IllegalArgumentException} naming the cause: not a model file,
 * unsupported version, other architecture, wrong σ, wrong parameter count, truncated, trailing bytes, checksum
 * mismatch (corrupt), non-finite parameters.
 */
public final class DnCnnCodec {

  /** Current format version. */
  public static final int VERSION = 1;
  /** σ values closer than this are the same noise level. */
  public static final double SIGMA_TOLERANCE = 1e-6;

  private static final byte[] MAGIC = "FLEPDNCN".getBytes(StandardCharsets.US_ASCII);

  private DnCnnCodec() {
  }

  /** The file bytes of {@code params} trained for {@code sigma}. */
  public static byte[] encode(float[] params, double sigma) {
    Objects.requireNonNull(params, "params");
    if (params.length != DnCnnModel.PARAMETER_COUNT) {
      throw new IllegalArgumentException("DnCNN needs " + DnCnnModel.PARAMETER_COUNT + " parameters, got "
          + params.length);
    }
    requireSigma(sigma);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(params.length * 4 + 64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(DnCnnModel.ARCHITECTURE);
      out.writeDouble(sigma);
      out.writeInt(params.length);
      for (float p : params) {
        out.writeFloat(p);
      }
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The parameters of a model file, which must be for {@code expectedSigma}.
   *
   * @throws IllegalArgumentException if the bytes are not a valid model file for that σ (the message says why)
   */
  public static float[] decode(byte[] file, double expectedSigma) {
    Objects.requireNonNull(file, "file");
    requireSigma(expectedSigma);
    if (file.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
      throw new IllegalArgumentException("not a DnCNN model file (bad magic)");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(file))) {
      in.skipNBytes(MAGIC.length);
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalArgumentException("unsupported DnCNN model format version " + version + " (this build reads "
            + VERSION + ")");
      }
      String architecture = in.readUTF();
      if (!architecture.equals(DnCnnModel.ARCHITECTURE)) {
        throw new IllegalArgumentException("model architecture '" + architecture + "' is not '"
            + DnCnnModel.ARCHITECTURE + "'");
      }
      double sigma = in.readDouble();
      int count = in.readInt();
      long needed = (long) count * 4 + 8;
      if (count < 0 || in.available() < needed) {
        throw new IllegalArgumentException("corrupt DnCNN model file: truncated (" + in.available()
            + " bytes left, parameter count " + count + ")");
      }
      if (in.available() > needed) {
        throw new IllegalArgumentException("corrupt DnCNN model file: " + (in.available() - needed)
            + " trailing bytes");
      }
      CRC32 crc = new CRC32();
      crc.update(file, 0, file.length - 8);
      float[] params = new float[count];
      for (int i = 0; i < count; i++) {
        params[i] = in.readFloat();
      }
      if (in.readLong() != crc.getValue()) {
        throw new IllegalArgumentException("corrupt DnCNN model file: checksum mismatch");
      }
      if (Math.abs(sigma - expectedSigma) > SIGMA_TOLERANCE) {
        throw new IllegalArgumentException("DnCNN model is for sigma " + sigma + ", not sigma " + expectedSigma
            + " (one model per noise level)");
      }
      if (count != DnCnnModel.PARAMETER_COUNT) {
        throw new IllegalArgumentException("DnCNN model has " + count + " parameters, expected "
            + DnCnnModel.PARAMETER_COUNT);
      }
      for (float p : params) {
        if (!Float.isFinite(p)) {
          throw new IllegalArgumentException("corrupt DnCNN model file: non-finite parameter");
        }
      }
      return params;
    } catch (EOFException e) {
      throw new IllegalArgumentException("corrupt DnCNN model file: truncated", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The σ recorded in a valid model file (checksum verified), without knowing it in advance. */
  public static double sigmaOf(byte[] file) {
    if (file.length < MAGIC.length + 4 + 2) {
      throw new IllegalArgumentException("not a DnCNN model file (too short)");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(file))) {
      in.skipNBytes(MAGIC.length + 4);
      in.readUTF();
      double sigma = in.readDouble();
      decode(file, sigma);
      return sigma;
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt DnCNN model file: truncated", e);
    }
  }

  /** Writes a model file. */
  public static void write(Path path, float[] params, double sigma) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(path, encode(params, sigma));
  }

  /** Reads a model file, which must be for {@code expectedSigma}; the message of a rejection names the file. */
  public static float[] read(Path path, double expectedSigma) throws IOException {
    try {
      return decode(Files.readAllBytes(path), expectedSigma);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  private static void requireSigma(double sigma) {
    if (!Double.isFinite(sigma) || sigma <= 0) {
      throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
    }
  }
}
