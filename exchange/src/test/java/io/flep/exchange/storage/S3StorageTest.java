package io.flep.exchange.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.exchange.ExchangeStorage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The storage contract, and what is particular to S3, against a real S3 API (S3Proxy, in memory, on loopback). */
class S3StorageTest extends ExchangeStorageContract {
  private static final int PAGE = 7;
  private final S3ProxyServer server = S3ProxyServer.shared();
  private S3Client raw;

  @Override
  protected ExchangeStorage openEmpty() {
    return server.storage(PAGE);
  }

  @BeforeEach
  void openRawClient() {
    raw = server.rawClient();
  }

  @AfterEach
  void closeRawClient() {
    raw.close();
  }

  private String prefix() {
    // "s3://bucket/<prefix> (endpoint ...)"
    String location = storage.location();
    return location.substring(("s3://" + S3ProxyServer.BUCKET + "/").length(), location.indexOf(' ')) + "/";
  }

  @Test
  void theLocationNamesBucketPrefixAndEndpointButNoCredentials() {
    assertThat(storage.location())
        .startsWith("s3://" + S3ProxyServer.BUCKET + "/t-")
        .endsWith(" (endpoint " + server.endpoint() + ", region us-east-1)")
        .doesNotContain(server.identity()).doesNotContain(server.secret());
  }

  @Test
  void s3ProxyIgnoresIfNoneMatchSoTheStorageUsesHeadThenPut() throws IOException {
    assertThat(((S3Storage) storage).honoursConditionalWrites()).isEmpty();

    storage.putIfAbsent("runs/r1/k/p/a", utf8("first"));

    assertThat(((S3Storage) storage).honoursConditionalWrites()).contains(false);
    assertThat(raw.getObjectAsBytes(r -> r.bucket(S3ProxyServer.BUCKET).key(prefix() + S3Storage.PROBE_KEY))
        .asUtf8String()).contains("probe");
  }

  @Test
  void theServerReallyListsInPagesSoThePagingTestMeansSomething() throws IOException {
    for (int i = 0; i < PAGE + 1; i++) {
      storage.putIfAbsent("runs/r1/page/p/" + i, utf8("x"));
    }

    var page = raw.listObjectsV2(r -> r.bucket(S3ProxyServer.BUCKET).prefix(prefix() + "runs/").maxKeys(PAGE));

    assertThat(page.isTruncated()).isTrue();
    assertThat(page.contents()).hasSize(PAGE);
  }

  @Test
  void objectsLieUnderThePrefixAndNothingOutsideItIsListed() throws IOException {
    storage.putIfAbsent("runs/r1/k/p/a", utf8("mine"));
    raw.putObject(r -> r.bucket(S3ProxyServer.BUCKET).key("elsewhere/runs/r1/k/p/b"), RequestBody.fromString("x"));
    raw.putObject(r -> r.bucket(S3ProxyServer.BUCKET).key(prefix() + "runs/r1/k/p/folder/"),
        RequestBody.empty());

    assertThat(raw.getObjectAsBytes(r -> r.bucket(S3ProxyServer.BUCKET).key(prefix() + "runs/r1/k/p/a"))
        .asUtf8String()).isEqualTo("mine");
    assertThat(storage.list("runs/r1/k/")).containsExactly("runs/r1/k/p/a");
    try (ExchangeStorage other = server.storage(PAGE)) {
      assertThat(other.list("runs/r1/k/")).isEmpty();
      assertThat(other.get("runs/r1/k/p/a")).isEmpty();
    }
  }

  @Test
  void aMissingBucketIsAnErrorNamingBucketKeyAndEndpoint() {
    try (S3Storage missing = S3Storage.builder().bucket("no-such-bucket").prefix("p").endpoint(server.endpoint())
        .pathStyle(true).credentials(server.credentials()).build()) {
      assertThatThrownBy(() -> missing.get("runs/r1/k/p/a")).isInstanceOf(IOException.class)
          .hasMessageContaining("'p/runs/r1/k/p/a'").hasMessageContaining("bucket 'no-such-bucket'")
          .hasMessageContaining("endpoint " + server.endpoint()).hasMessageContaining("does not exist");
      assertThatThrownBy(() -> missing.list("runs/")).isInstanceOf(IOException.class)
          .hasMessageContaining("could not list 'p/runs/'").hasMessageContaining("does not exist");
      assertThatThrownBy(() -> missing.putIfAbsent("runs/r1/k/p/a", utf8("x"))).isInstanceOf(IOException.class)
          .hasMessageContaining("bucket 'no-such-bucket'");
    }
  }

  @Test
  void aWrongSecretIsAnAccessErrorThatDoesNotRepeatTheSecret() {
    String wrong = "wrong-secret-" + System.nanoTime();
    try (S3Storage denied = S3Storage.builder().bucket(S3ProxyServer.BUCKET).endpoint(server.endpoint())
        .pathStyle(true).credentials(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(server.identity(), wrong))).build()) {
      assertThatThrownBy(() -> denied.get("runs/r1/k/p/a")).isInstanceOf(IOException.class)
          .hasMessageContaining("HTTP 403").hasMessageContaining("access denied")
          .hasMessageNotContaining(wrong).hasMessageNotContaining(server.secret());
    }
  }

  @Test
  void anUnreachableEndpointIsAnErrorNamingIt() throws IOException {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    URI endpoint = closed;
    try (S3Storage unreachable = S3Storage.builder().bucket(S3ProxyServer.BUCKET).endpoint(endpoint).pathStyle(true)
        .credentials(server.credentials()).timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)).build()) {
      assertThatThrownBy(() -> unreachable.get("runs/r1/k/p/a")).isInstanceOf(IOException.class)
          .hasMessageContaining("endpoint " + endpoint).hasMessageContaining("'runs/r1/k/p/a'");
    }
  }
}
