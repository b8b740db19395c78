package io.flep.lab.denoise.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;

/**
 * Everything needed to continue a training run exactly where it stopped: the run's σ, batch size, patch side
 * and seed; the number of steps done (which, with the seed, is the whole random state, see
 * {@link PatchSampler#stepRandom}); the network's parameters (including batch-norm running statistics), the
 * Adam state (moments) and DL4J's iteration/epoch counters (Adam's bias correction depends on them); and the
 * training time spent so far.
 *
 * <p>File format (big-endian): magic {@code FLEPDNCK}, int version 1, double sigma, int batch, int patch,
 * long seed, long step, int iteration, int epoch, double elapsedSeconds, int n + n floats (parameters),
 * int m + m floats (updater state), long CRC-32 of all preceding bytes. Written to a temporary file and moved
 * into place, so a run killed while saving leaves the previous checkpoint intact.
 */
public record Checkpoint(double sigma, int batch, int patch, long seed, long step, int iteration, int epoch,
    double elapsedSeconds, float[] params, float[] updaterState) {

  private static final byte[] MAGIC = {'F', 'L', 'E', 'P', 'D', 'N', 'C', 'K'};
  private static final int VERSION = 1;

  /** Writes the checkpoint atomically (temporary file, then move). */
  public void write(Path file) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 4 * (params.length + updaterState.length) + 128);
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeDouble(sigma);
    out.writeInt(batch);
    out.writeInt(patch);
    out.writeLong(seed);
    out.writeLong(step);
    out.writeInt(iteration);
    out.writeInt(epoch);
    out.writeDouble(elapsedSeconds);
    writeFloats(out, params);
    writeFloats(out, updaterState);
    out.flush();
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeLong(crc.getValue());
    out.flush();
    Path abs = file.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    Files.write(tmp, bytes.toByteArray());
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads a checkpoint.
   *
   * @throws IOException with a message naming the file when it is missing, not a checkpoint, of another
   *                     version, truncated or corrupt
   */
  public static Checkpoint read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such checkpoint file");
    }
    byte[] all = Files.readAllBytes(file);
    if (all.length < MAGIC.length + 12) {
      throw new IOException(file + ": not a FLEP DnCNN checkpoint (too short)");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (all[i] != MAGIC[i]) {
        throw new IOException(file + ": not a FLEP DnCNN checkpoint (bad magic)");
      }
    }
    CRC32 crc = new CRC32();
    crc.update(all, 0, all.length - 8);
    long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
    if (stored != crc.getValue()) {
      throw new IOException(file + ": corrupt checkpoint (checksum mismatch)");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
      in.skipNBytes(MAGIC.length);
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(file + ": checkpoint version " + version + ", this build reads " + VERSION);
      }
      return new Checkpoint(in.readDouble(), in.readInt(), in.readInt(), in.readLong(), in.readLong(),
          in.readInt(), in.readInt(), in.readDouble(), readFloats(in), readFloats(in));
    } catch (EOFException e) {
      throw new IOException(file + ": corrupt checkpoint (truncated)", e);
    }
  }

  private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
    out.writeInt(v.length);
    for (float f : v) {
      out.writeFloat(f);
    }
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available() / 4) {
      throw new EOFException("array length " + n);
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = in.readFloat();
    }
    return v;
  }
}
