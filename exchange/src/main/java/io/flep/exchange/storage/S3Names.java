package io.flep.exchange.storage;

import io.flep.exchange.ExchangeStorage;
import java.net.URI;

/** Checks of the names an {@link S3Storage} is built from; each failure names the value and the rule. */
final class S3Names {
  private S3Names() {}

  static String checkBucket(String bucket) {
    if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") || bucket.contains("..")) {
      throw new IllegalArgumentException("not an S3 bucket name: '" + bucket + "' (3 to 63 lowercase letters,"
          + " digits, '.' and '-', starting and ending with a letter or digit)");
    }
    return bucket;
  }

  /** "" for no prefix, else the prefix with one trailing '/'. */
  static String normalisePrefix(String prefix) {
    if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
      return "";
    }
    String path = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    try {
      return ExchangeStorage.checkKey(path) + "/";
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an S3 key prefix: '" + prefix + "' ('/'-separated segments of"
          + " letters, digits, '.', '_' and '-'; no '.' or '..' segment)", e);
    }
  }

  static URI checkEndpoint(URI endpoint) {
    if (endpoint == null) {
      throw new IllegalArgumentException("no S3 endpoint given");
    }
    if (endpoint.getRawUserInfo() != null) {
      throw new IllegalArgumentException("an S3 endpoint never carries credentials (" + withoutUserInfo(endpoint)
          + " has user info): give them through the environment or an AWS profile");
    }
    String scheme = endpoint.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || endpoint.getHost() == null) {
      throw new IllegalArgumentException("an S3 endpoint is http://host[:port] or https://host[:port], not '"
          + endpoint + "'");
    }
    String path = endpoint.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/")) || endpoint.getRawQuery() != null
        || endpoint.getRawFragment() != null) {
      throw new IllegalArgumentException("an S3 endpoint is only scheme, host and port, not '" + endpoint + "'");
    }
    return endpoint;
  }

  static String checkRegion(String region) {
    if (region == null || region.length() > 32 || !region.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("not an AWS region name: '" + region + "' (like us-east-1 or"
          + " eu-central-1)");
    }
    return region;
  }

  /** The URI for a message, its user info (which may be a secret) replaced by '***'. */
  static String withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    return uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
  }
}
