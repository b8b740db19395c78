package io.flep.exchange.storage;

import io.flep.exchange.ExchangeStorage;
import io.flep.exchange.ExchangeStorageProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Opens {@code s3://bucket[/prefix][?endpoint=http://host:port&region=eu-central-1&path-style=true]} as an
 * {@link S3Storage} with the SDK's default credentials chain. A location never holds credentials: one with user
 * info is refused, and messages never echo it.
 */
public final class S3StorageProvider implements ExchangeStorageProvider {
  private static final Set<String> PARAMETERS = Set.of("endpoint", "region", "path-style");

  @Override
  public String scheme() {
    return "s3";
  }

  @Override
  public String syntax() {
    return "s3://bucket[/prefix][?endpoint=http(s)://host:port&region=us-east-1&path-style=true|false]";
  }

  @Override
  public ExchangeStorage open(String location) {
    return parse(location).build();
  }

  /** The options a location names, unbuilt. */
  S3Storage.Builder parse(String location) {
    String rest = location.substring(location.indexOf(':') + 1);
    if (!rest.startsWith("//") || rest.length() == 2 || "/?#".indexOf(rest.charAt(2)) >= 0) {
      throw new IllegalArgumentException("the S3 location '" + redacted(location) + "' names no bucket (s3://bucket"
          + "/...)");
    }
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid S3 location '" + redacted(location) + "': " + e.getReason()
          + " at index " + e.getIndex(), e);
    }
    if (uri.isOpaque() || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
      throw new IllegalArgumentException("the S3 location '" + redacted(location) + "' names no bucket (s3://bucket"
          + "/...)");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("an S3 location never carries credentials ('" + redacted(location)
          + "' has user info): give them through the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or"
          + " an AWS profile");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("an S3 location has no '#' fragment: '" + redacted(location) + "'");
    }
    S3Storage.Builder options = S3Storage.builder();
    options.bucket(uri.getRawAuthority());
    String path = uri.getRawPath();
    options.prefix(path == null || path.isEmpty() ? "" : path.substring(1));
    if (uri.getRawQuery() != null) {
      parameters(uri.getRawQuery(), options);
    }
    return options;
  }

  private static void parameters(String query, S3Storage.Builder options) {
    Set<String> seen = new HashSet<>();
    for (String parameter : query.split("&")) {
      if (parameter.isEmpty()) {
        continue;
      }
      int eq = parameter.indexOf('=');
      String name = decode(eq < 0 ? parameter : parameter.substring(0, eq));
      if (!PARAMETERS.contains(name)) {
        throw new IllegalArgumentException("unknown S3 location parameter '" + name + "' (known: endpoint, region,"
            + " path-style)");
      }
      if (eq < 0 || eq == parameter.length() - 1) {
        throw new IllegalArgumentException("the S3 location parameter '" + name + "' has no value");
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("the S3 location parameter '" + name + "' is given twice");
      }
      String value = decode(parameter.substring(eq + 1));
      switch (name) {
        case "endpoint" -> options.endpoint(endpoint(value));
        case "region" -> options.region(value);
        case "path-style" -> options.pathStyle(bool(name, value));
        default -> throw new IllegalStateException(name);
      }
    }
  }

  private static URI endpoint(String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the S3 location parameter 'endpoint' is not a URI: " + e.getReason()
          + " at index " + e.getIndex(), e);
    }
  }

  private static boolean bool(String name, String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("the S3 location parameter '" + name + "' is true or false, not '"
          + value + "'");
    };
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad %-escape in an S3 location parameter: " + e.getMessage(), e);
    }
  }

  /** The location for a message: no user info, no query (either may hold what should stay private). */
  private static String redacted(String location) {
    String text = location.replaceFirst("^([A-Za-z0-9+.-]+://)[^/?#]*@", "$1***@");
    int query = text.indexOf('?');
    return query < 0 ? text : text.substring(0, query) + "?...";
  }
}
