package io.flep.exchange;

import java.io.IOException;

/**
 * A kind of {@link ExchangeStorage} that {@link ExchangeStorage#open(String)} can open from a location string,
 * found with {@link java.util.ServiceLoader} (so that this package does not depend on the backends' package).
 */
public interface ExchangeStorageProvider {

  /** The location scheme this provider opens ({@code s3}, {@code file}); a location without one is a file path. */
  String scheme();

  /** The location forms it accepts, for messages: {@code s3://bucket[/prefix][?...]}. */
  String syntax();

  /**
   * Opens the storage at {@code location}, which has this provider's scheme, or is a plain path for {@code file}.
   *
   * @throws IllegalArgumentException naming what is wrong with the location, never echoing a secret
   * @throws IOException if the storage cannot be opened
   */
  ExchangeStorage open(String location) throws IOException;
}
