package io.flep.exchange.storage;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: S3Proxy in this JVM on a random loopback port, over the jclouds
 * {@code transient} (in-memory) blobstore, accepting only AWS v2/v4 signatures by a random identity made for this
 * server. One per test JVM ({@link #shared()}); every test works under a prefix of its own.
 */
public final class S3ProxyServer {
  public static final String BUCKET = "flep-exchange-test";
  private static S3ProxyServer shared;

  private final S3Proxy proxy;
  private final BlobStoreContext blobs;
  private final URI endpoint;
  private final String identity;
  private final String secret;

  private S3ProxyServer() throws Exception {
    SecureRandom random = new SecureRandom();
    identity = "test-" + HexFormat.of().formatHex(bytes(random, 8));
    secret = HexFormat.of().formatHex(bytes(random, 20));
    blobs = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
    proxy = S3Proxy.builder()
        .blobStore(blobs.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, identity, secret)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!proxy.getState().equals("STARTED")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    try (S3Client client = rawClient()) {
      client.createBucket(b -> b.bucket(BUCKET));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
  }

  public static synchronized S3ProxyServer shared() {
    if (shared == null) {
      try {
        shared = new S3ProxyServer();
      } catch (Exception e) {
        throw new IllegalStateException("could not start S3Proxy for the tests: " + e, e);
      }
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  public StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(identity, secret));
  }

  /** A plain SDK client on the same server, for what a test does behind the storage's back. */
  public S3Client rawClient() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(credentials())
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  public String identity() {
    return identity;
  }

  public String secret() {
    return secret;
  }

  /** A storage on this server under a fresh prefix, listing {@code pageSize} keys a page. */
  public S3Storage storage(int pageSize) {
    return S3Storage.builder().bucket(BUCKET).prefix("t-" + UUID.randomUUID()).endpoint(endpoint).pathStyle(true)
        .credentials(credentials()).listPageSize(pageSize).build();
  }

  private void stop() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // the JVM is ending
    }
    blobs.close();
  }

  private static byte[] bytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
