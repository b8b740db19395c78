package io.flep.workers.store;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Associated data bound into every data ciphertext: the run and the item's position. A ciphertext moved to
 * another item or run fails authentication instead of decrypting to the wrong image.
 */
public final class DataAssociation {
  private DataAssociation() {}

  public static byte[] of(UUID runId, int itemIndex) {
    return ("flep-data:" + runId + ":" + itemIndex).getBytes(StandardCharsets.UTF_8);
  }
}
