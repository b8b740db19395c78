package io.flep.exchange;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where exchange objects are kept: the one small interface every backend implements (a shared directory, the S3
 * API). Keys are {@code /}-separated paths of letters, digits, {@code . _ -}. Storage is untrusted: whatever it
 * returns is verified by {@link Exchange} before use, so a backend needs no integrity guarantees of its own.
 */
public interface ExchangeStorage extends AutoCloseable {

  /**
   * Opens the storage a location names:
   * <ul>
   *   <li>{@code s3://bucket[/prefix][?endpoint=http://host:port&region=eu-central-1&path-style=true]}: the S3 API
   *       (region default {@code us-east-1}; no endpoint means AWS); credentials come from the environment or an
   *       AWS profile, never from the location;
   *   <li>{@code file:/absolute/path}, {@code file:///absolute/path} or a plain path: a shared directory.
   * </ul>
   * The backends are found as {@link ExchangeStorageProvider} services, one per scheme.
   *
   * @throws IllegalArgumentException naming what is wrong (unknown scheme, no bucket, a bad query parameter, ...)
   *     and the accepted forms
   * @throws IOException if the storage cannot be opened (a directory that cannot be created)
   */
  static ExchangeStorage open(String location) throws IOException {
    TreeMap<String, ExchangeStorageProvider> providers = new TreeMap<>();
    for (ExchangeStorageProvider provider
        : ServiceLoader.load(ExchangeStorageProvider.class, ExchangeStorage.class.getClassLoader())) {
      providers.putIfAbsent(provider.scheme(), provider);
    }
    String forms = String.join("; ", providers.values().stream().map(ExchangeStorageProvider::syntax).toList());
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("no exchange location given; accepted forms: " + forms);
    }
    Matcher scheme = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):").matcher(location);
    String name = scheme.find() ? scheme.group(1).toLowerCase(Locale.ROOT) : "file"; // 'C:' is a drive, not a scheme
    ExchangeStorageProvider provider = providers.get(name);
    if (provider == null) {
      throw new IllegalArgumentException("unknown exchange location scheme '" + name + ":'; accepted forms: "
          + forms);
    }
    try {
      return provider.open(location);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + "; accepted forms: " + forms, e);
    }
  }

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
