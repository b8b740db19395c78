package io.flep.workers.dataset;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One analyst's shard as it travels through the exchange: the data owner's item indexes with their ciphertexts, in
 * shard order. Labels are not here: they travel sealed to the analyst ({@link ShardEnvelope}).
 */
public record EncryptedShard(List<Item> items) {
  private static final int MAGIC = 0x464c5331; // "FLS1"

  /** One encrypted image and the data owner's index of it (bound into its associated data). */
  public record Item(int index, byte[] ciphertext) {}

  public EncryptedShard {
    items = List.copyOf(items);
  }

  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(items.size() * 1024);
    writeInt(out, MAGIC);
    writeInt(out, items.size());
    for (Item item : items) {
      writeInt(out, item.index());
      writeInt(out, item.ciphertext().length);
      out.writeBytes(item.ciphertext());
    }
    return out.toByteArray();
  }

  /** @throws IllegalArgumentException if the bytes are not an encoded shard */
  public static EncryptedShard decode(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      if (in.getInt() != MAGIC) {
        throw new IllegalArgumentException("not an encrypted shard");
      }
      int n = in.getInt();
      if (n < 0 || n > bytes.length / 8) {
        throw new IllegalArgumentException("implausible item count " + n);
      }
      List<Item> items = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int index = in.getInt();
        byte[] ciphertext = new byte[in.getInt()];
        in.get(ciphertext);
        items.add(new Item(index, ciphertext));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " trailing bytes");
      }
      return new EncryptedShard(items);
    } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("truncated encrypted shard", e);
    }
  }

  static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
