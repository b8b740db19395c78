package io.flep.exchange.storage;

import io.flep.exchange.ExchangeStorage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The exchange on the S3 API (AWS S3 or any S3-compatible server), through the AWS SDK for Java v2 with the JDK's
 * URL-connection HTTP client. Every key lives under the storage's prefix in one bucket.
 *
 * <p>{@link #putIfAbsent} writes with {@code If-None-Match: *}, so of two parties racing to store one key exactly
 * one stores it and the other is told it was there (412 Precondition Failed). Not every server honours that
 * header: some answer 501 Not Implemented, some silently ignore it and overwrite. The first put of a storage
 * therefore probes the server once, by conditionally writing the fixed object {@value #PROBE_KEY} under the prefix
 * twice: a 412 on either write proves the server honours the header; a 501, or two successes, switch this storage
 * to HEAD-then-PUT. That fallback has a race (two writers may both see the key missing and both write), which is
 * harmless here: keys are content addressed, so both write the same bytes; only both are told they stored it.
 *
 * <p>Storage is untrusted ({@link ExchangeStorage}): every object is verified by its address and signature on
 * fetch, so the SDK's own transport checksums, which many S3-compatible servers do not understand, are asked for
 * only where the S3 API requires them. Credentials come from the given provider, by default the SDK's default chain
 * (environment {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, system properties, profiles, container and
 * instance roles); they are never part of a location or endpoint and never appear in a message or log.
 */
public final class S3Storage implements ExchangeStorage {
  /** The object the conditional-write probe writes, relative to the storage's prefix. */
  static final String PROBE_KEY = ".flep/conditional-write-probe";
  private static final byte[] PROBE_BYTES =
      "FLEP exchange: probe for S3 conditional writes (If-None-Match)\n".getBytes(StandardCharsets.US_ASCII);
  private static final int CONFLICT_ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(S3Storage.class);

  private enum WriteMode { UNKNOWN, CONDITIONAL, HEAD_THEN_PUT }

  private final S3Client client;
  private final SdkAutoCloseable ownedCredentials;
  private final String bucket;
  private final String root;
  private final URI endpoint;
  private final Region region;
  private final int pageSize;
  private final S3Failures failures;
  private volatile WriteMode writeMode = WriteMode.UNKNOWN;

  private S3Storage(Builder options) {
    this.bucket = options.bucket;
    this.root = options.prefix;
    this.endpoint = options.endpoint;
    this.region = options.region;
    this.pageSize = options.pageSize;
    AwsCredentialsProvider credentials = options.credentials;
    if (credentials == null) {
      DefaultCredentialsProvider defaults = DefaultCredentialsProvider.builder().build();
      this.ownedCredentials = defaults;
      credentials = defaults;
    } else {
      this.ownedCredentials = null;
    }
    S3ClientBuilder client = S3Client.builder()
        .region(region)
        .forcePathStyle(options.pathStyle)
        .credentialsProvider(credentials)
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(options.connectTimeout)
            .socketTimeout(options.readTimeout))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (endpoint != null) {
      client.endpointOverride(endpoint);
    }
    this.client = client.build();
    this.failures = new S3Failures(bucket, endpoint != null ? endpoint.toString() : "AWS S3 " + region.id());
  }

  /** Options for an {@link S3Storage}; {@link Builder#bucket} is the only one required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean putIfAbsent(String key, byte[] bytes) throws IOException {
    String objectKey = objectKey(key);
    if (writeMode() == WriteMode.CONDITIONAL) {
      Optional<Boolean> stored = conditionalPut(objectKey, bytes);
      if (stored.isPresent()) {
        return stored.get();
      }
      useHeadThenPut("answered 501 Not Implemented to a conditional write");
    }
    return headThenPut(objectKey, bytes);
  }

  @Override
  public Optional<byte[]> get(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      return Optional.of(client.getObjectAsBytes(r -> r.bucket(bucket).key(objectKey)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failures.of("read", objectKey, e);
    }
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    if (prefix == null || !prefix.endsWith("/")) {
      throw new IllegalArgumentException("a listing prefix ends with '/': '" + prefix + "'");
    }
    ExchangeStorage.checkKey(prefix.substring(0, prefix.length() - 1));
    String objectPrefix = root + prefix;
    List<String> keys = new ArrayList<>();
    try {
      for (S3Object object : client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(objectPrefix)
          .maxKeys(pageSize)).contents()) {
        String key = object.key();
        if (key.startsWith(objectPrefix) && !key.endsWith("/")) { // "folder" markers some consoles create
          keys.add(key.substring(root.length()));
        }
      }
    } catch (SdkException e) {
      throw failures.of("list", objectPrefix, e);
    }
    keys.sort(null);
    return keys;
  }

  /** {@code s3://bucket/prefix (endpoint X, region R)}; never credentials. */
  @Override
  public String location() {
    String path = root.isEmpty() ? "" : "/" + root.substring(0, root.length() - 1);
    return "s3://" + bucket + path + " (endpoint " + endpointText() + ", region " + region.id() + ")";
  }

  /** Closes the SDK client, its HTTP client and the default credentials chain if this storage made it. */
  @Override
  public void close() {
    client.close();
    if (ownedCredentials != null) {
      ownedCredentials.close();
    }
  }

  /** Whether the server was found to honour {@code If-None-Match: *}; empty before the first put. */
  Optional<Boolean> honoursConditionalWrites() {
    return switch (writeMode) {
      case UNKNOWN -> Optional.empty();
      case CONDITIONAL -> Optional.of(true);
      case HEAD_THEN_PUT -> Optional.of(false);
    };
  }

  private String endpointText() {
    return endpoint != null ? endpoint.toString() : "AWS S3";
  }

  private String objectKey(String key) {
    return root + ExchangeStorage.checkKey(key);
  }

  private WriteMode writeMode() throws IOException {
    WriteMode mode = writeMode;
    if (mode != WriteMode.UNKNOWN) {
      return mode;
    }
    synchronized (this) {
      if (writeMode == WriteMode.UNKNOWN) {
        probeConditionalWrites();
      }
      return writeMode;
    }
  }

  /** Sets the write mode from two conditional writes of the probe object (see the class comment). */
  private void probeConditionalWrites() throws IOException {
    for (int write = 0; write < 2; write++) {
      Optional<Boolean> stored = conditionalPut(root + PROBE_KEY, PROBE_BYTES);
      if (stored.isEmpty()) {
        useHeadThenPut("answered 501 Not Implemented to a conditional write");
        return;
      }
      if (!stored.get()) {
        writeMode = WriteMode.CONDITIONAL;
        return;
      }
    }
    useHeadThenPut("ignores If-None-Match (it overwrote an existing object)");
  }

  private void useHeadThenPut(String why) {
    writeMode = WriteMode.HEAD_THEN_PUT;
    LOG.info("The S3 server of {} {}: storing objects with HEAD then PUT, which is safe for content-addressed"
        + " objects", location(), why);
  }

  /** True: stored; false: 412, it exists; empty: the server does not implement conditional writes. */
  private Optional<Boolean> conditionalPut(String objectKey, byte[] bytes) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        client.putObject(r -> r.bucket(bucket).key(objectKey).ifNoneMatch("*"), RequestBody.fromBytes(bytes));
        return Optional.of(true);
      } catch (S3Exception e) {
        if (e.statusCode() == 412) {
          return Optional.of(false);
        }
        if (e.statusCode() == 501 || "NotImplemented".equals(S3Failures.errorCode(e))) {
          return Optional.empty();
        }
        if (e.statusCode() == 409 && attempt < CONFLICT_ATTEMPTS) {
          continue; // ConditionalRequestConflict: another write of this key is under way; AWS says retry
        }
        throw failures.of("write", objectKey, e);
      } catch (SdkException e) {
        throw failures.of("write", objectKey, e);
      }
    }
  }

  private boolean headThenPut(String objectKey, byte[] bytes) throws IOException {
    try {
      client.headObject(r -> r.bucket(bucket).key(objectKey));
      return false;
    } catch (NoSuchKeyException e) {
      // absent: store it below
    } catch (S3Exception e) {
      if (e.statusCode() != 404 || "NoSuchBucket".equals(S3Failures.errorCode(e))) {
        throw failures.of("check for", objectKey, e);
      }
    } catch (SdkException e) {
      throw failures.of("check for", objectKey, e);
    }
    try {
      client.putObject(r -> r.bucket(bucket).key(objectKey), RequestBody.fromBytes(bytes));
      return true;
    } catch (SdkException e) {
      throw failures.of("write", objectKey, e);
    }
  }

  /**
   * Options for {@link S3Storage}, checked by {@link #build()}: bucket (required), prefix, endpoint (for
   * S3-compatible servers; none means AWS), region (default {@code us-east-1}), path-style addressing (default
   * false, AWS's virtual-hosted style), credentials (default: the SDK's default chain).
   */
  public static final class Builder {
    private String bucket;
    private String prefix = "";
    private URI endpoint;
    private Region region = Region.US_EAST_1;
    private boolean pathStyle;
    private AwsCredentialsProvider credentials;
    private int pageSize = 1000;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /** The bucket (required): an S3 bucket name, 3 to 63 lowercase letters, digits, '.' and '-'. */
    public Builder bucket(String bucket) {
      this.bucket = S3Names.checkBucket(bucket);
      return this;
    }

    /** The key prefix every object goes under ("" by default), a key-like path; a trailing '/' is optional. */
    public Builder prefix(String prefix) {
      this.prefix = S3Names.normalisePrefix(prefix);
      return this;
    }

    /** The S3 endpoint, for an S3-compatible server: http or https, host and port, nothing else. */
    public Builder endpoint(URI endpoint) {
      this.endpoint = S3Names.checkEndpoint(endpoint);
      return this;
    }

    /** The region that requests are signed for (default us-east-1). */
    public Builder region(String region) {
      this.region = Region.of(S3Names.checkRegion(region));
      return this;
    }

    /** Path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible servers need. */
    public Builder pathStyle(boolean pathStyle) {
      this.pathStyle = pathStyle;
      return this;
    }

    /** Where the credentials come from (default: the SDK's default chain). The storage does not close it. */
    public Builder credentials(AwsCredentialsProvider credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** How many keys one listing request asks for, 1 to 1000 (default 1000, the S3 maximum); for tests. */
    public Builder listPageSize(int pageSize) {
      if (pageSize < 1 || pageSize > 1000) {
        throw new IllegalArgumentException("an S3 listing page holds 1 to 1000 keys, not " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /** How long to wait for a connection (default 10 s) and for each read (default 60 s). */
    public Builder timeouts(Duration connect, Duration read) {
      if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
        throw new IllegalArgumentException("S3 timeouts are positive, not " + connect + " and " + read);
      }
      this.connectTimeout = connect;
      this.readTimeout = read;
      return this;
    }

    /** The storage; no request is sent until it is used. */
    public S3Storage build() {
      if (bucket == null) {
        throw new IllegalArgumentException("an S3 exchange storage needs a bucket");
      }
      return new S3Storage(this);
    }
  }
}
