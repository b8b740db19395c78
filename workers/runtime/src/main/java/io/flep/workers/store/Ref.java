package io.flep.workers.store;

import io.flep.workers.failure.BadInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A claim check: what a process variable carries instead of data. The private database holds the data under
 * {@code id}; {@code sha256} and {@code size} let the receiver check it got what was meant.
 */
public record Ref(UUID id, String sha256, long size) {

  public Map<String, Object> toVariable() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", id.toString());
    map.put("sha256", sha256);
    map.put("size", size);
    return map;
  }

  /** Reads a reference from a process variable; the message names the variable when it is malformed. */
  public static Ref fromVariable(String name, Object value) {
    if (!(value instanceof Map<?, ?> map) || !(map.get("id") instanceof String id)) {
      throw new BadInputException("process variable '" + name + "' is not a FLEP reference {id, sha256, size}: " + value);
    }
    try {
      Object size = map.get("size");
      return new Ref(
          UUID.fromString(id),
          String.valueOf(map.get("sha256")),
          size instanceof Number n ? n.longValue() : -1);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("process variable '" + name + "' has an invalid id '" + id + "'");
    }
  }
}
