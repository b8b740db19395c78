package io.flep.workers.dataset;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Labelled PNG images with the data owner's item indexes, as one blob (the held-out test set sealed to the IIoT services). */
public record LabeledBundle(List<Item> items) {
  private static final int MAGIC = 0x464c4231; // "FLB1"

  /** One image: the data owner's index, its label, its PNG bytes. */
  public record Item(int index, int label, byte[] png) {}

  public LabeledBundle {
    items = List.copyOf(items);
  }

  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(items.size() * 512);
    EncryptedShard.writeInt(out, MAGIC);
    EncryptedShard.writeInt(out, items.size());
    for (Item item : items) {
      EncryptedShard.writeInt(out, item.index());
      out.write(item.label());
      EncryptedShard.writeInt(out, item.png().length);
      out.writeBytes(item.png());
    }
    return out.toByteArray();
  }

  /** @throws IllegalArgumentException if the bytes are not an encoded bundle */
  public static LabeledBundle decode(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      if (in.getInt() != MAGIC) {
        throw new IllegalArgumentException("not a labelled image bundle");
      }
      int n = in.getInt();
      if (n < 0 || n > bytes.length / 9) {
        throw new IllegalArgumentException("implausible item count " + n);
      }
      List<Item> items = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int index = in.getInt();
        int label = in.get() & 0xff;
        byte[] png = new byte[in.getInt()];
        in.get(png);
        items.add(new Item(index, label, png));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " trailing bytes");
      }
      return new LabeledBundle(items);
    } catch (java.nio.BufferUnderflowException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("truncated labelled image bundle", e);
    }
  }

  /** The images, decoded. */
  public List<LabeledImage> images() {
    List<LabeledImage> images = new ArrayList<>(items.size());
    for (Item item : items) {
      images.add(GreyImages.decode(item.png(), item.label(), "item " + item.index()));
    }
    return images;
  }
}
