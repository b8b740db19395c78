package io.flep.workers.dataset;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the data owner seals to one analyst: the data key of that analyst's shard (serialised key material, secret
 * part included), the address of the {@link EncryptedShard} it opens, and the label of every item, in shard order.
 * Only the analyst can open it; its plaintext must be wiped after use.
 */
public record ShardEnvelope(byte[] dataKey, String shardAddress, List<Label> labels) {
  private static final int MAGIC = 0x464c4531; // "FLE1"

  /** The label of the data owner's item {@code index}. */
  public record Label(int index, int label) {}

  public ShardEnvelope {
    dataKey = dataKey.clone();
    labels = List.copyOf(labels);
  }

  @Override
  public byte[] dataKey() {
    return dataKey.clone();
  }

  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(dataKey.length + labels.size() * 5 + 128);
    EncryptedShard.writeInt(out, MAGIC);
    EncryptedShard.writeInt(out, dataKey.length);
    out.writeBytes(dataKey);
    byte[] address = shardAddress.getBytes(StandardCharsets.US_ASCII);
    EncryptedShard.writeInt(out, address.length);
    out.writeBytes(address);
    EncryptedShard.writeInt(out, labels.size());
    for (Label l : labels) {
      EncryptedShard.writeInt(out, l.index());
      out.write(l.label());
    }
    return out.toByteArray();
  }

  /** @throws IllegalArgumentException if the bytes are not an encoded envelope */
  public static ShardEnvelope decode(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      if (in.getInt() != MAGIC) {
        throw new IllegalArgumentException("not a shard envelope");
      }
      byte[] key = new byte[in.getInt()];
      in.get(key);
      byte[] address = new byte[in.getInt()];
      in.get(address);
      int n = in.getInt();
      if (n < 0 || n > bytes.length / 5) {
        throw new IllegalArgumentException("implausible label count " + n);
      }
      List<Label> labels = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        labels.add(new Label(in.getInt(), in.get() & 0xff));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " trailing bytes");
      }
      ShardEnvelope envelope = new ShardEnvelope(key, new String(address, StandardCharsets.US_ASCII), labels);
      Arrays.fill(key, (byte) 0);
      return envelope;
    } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("truncated shard envelope", e);
    }
  }

  /** Overwrites the data key held by this envelope. */
  public void wipe() {
    Arrays.fill(dataKey, (byte) 0);
  }
}
