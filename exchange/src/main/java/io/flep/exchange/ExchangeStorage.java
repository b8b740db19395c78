package io.flep.exchange;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where exchange objects are kept: the one small interface every backend implements (a shared directory, the S3
 * API). Keys are {@code /}-separated paths of letters, digits, {@code . _ -}. Storage is untrusted: whatever it
 * returns is verified by {@link Exchange} before use, so a backend needs no integrity guarantees of its own.
 */
public interface ExchangeStorage extends AutoCloseable {

  /**
   * Stores {@code bytes} under {@code key} unless the key exists; objects are content addressed, so an existing
   * object under the same key is the same object and is left alone.
   *
   * @return true if this call stored it, false if it was already there
   */
  boolean putIfAbsent(String key, byte[] bytes) throws IOException;

  /** The bytes under {@code key}, or empty when there are none. */
  Optional<byte[]> get(String key) throws IOException;

  /** Every key under {@code prefix} (which ends with {@code /}), in lexicographic order. */
  List<String> list(String prefix) throws IOException;

  /** Where this storage is, for messages: a directory path or an {@code s3://} location and endpoint. */
  String location();

  @Override
  default void close() throws IOException {}

  /** Checks a key is a safe relative path, so that no backend can be led outside its root. */
  static String checkKey(String key) {
    if (key == null || key.isEmpty() || key.startsWith("/") || key.endsWith("/")
        || !key.matches("[A-Za-z0-9._/-]+") || key.contains("//")) {
      throw new IllegalArgumentException("not a valid exchange key: '" + key + "'");
    }
    for (String segment : key.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("not a valid exchange key (dot segment): '" + key + "'");
      }
    }
    return key;
  }
}
