package io.flep.exchange.storage;

import io.flep.exchange.ExchangeStorage;
import io.flep.exchange.ExchangeStorageProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** Opens {@code file:/absolute/path}, {@code file:///absolute/path} or a plain path as a {@link DirectoryStorage}. */
public final class DirectoryStorageProvider implements ExchangeStorageProvider {

  @Override
  public String scheme() {
    return "file";
  }

  @Override
  public String syntax() {
    return "file:/absolute/path, file:///absolute/path or a plain directory path";
  }

  @Override
  public ExchangeStorage open(String location) throws IOException {
    return new DirectoryStorage(path(location));
  }

  static Path path(String location) {
    if (!location.toLowerCase(Locale.ROOT).startsWith("file:")) {
      try {
        return Path.of(location);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("not a directory path: " + e.getMessage(), e);
      }
    }
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid file: URI '" + location + "': " + e.getReason() + " at index "
          + e.getIndex() + " (write a space as %20, or give a plain path)", e);
    }
    if (uri.isOpaque()) {
      throw new IllegalArgumentException("a file: location is absolute, '" + location + "' is not (for a relative"
          + " directory, give the plain path)");
    }
    String authority = uri.getRawAuthority();
    if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
      throw new IllegalArgumentException("a file: location names no other host (it names '" + uri.getHost()
          + "'): mount the shared directory and give its path");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("a file: location has no query or fragment: '" + location + "'");
    }
    return Path.of(uri.getPath());
  }
}
