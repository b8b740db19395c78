package io.flep.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.exchange.storage.S3ProxyServer;
import io.flep.exchange.storage.S3Storage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The whole exchange, publish to verified fetch, over the S3 API (S3Proxy on loopback), with storage tampering. */
class S3ExchangeTest {
  private final S3ProxyServer server = S3ProxyServer.shared();
  private final TestParty iiot = new TestParty("iiot-services", "iiot");
  private final UUID run = UUID.randomUUID();
  private final String prefix = "exchange-" + UUID.randomUUID();
  private S3Storage storage;
  private S3Client raw;
  private Exchange exchange;

  @BeforeEach
  void setUp() {
    storage = S3Storage.builder().bucket(S3ProxyServer.BUCKET).prefix(prefix).endpoint(server.endpoint())
        .pathStyle(true).credentials(server.credentials()).build();
    raw = server.rawClient();
    exchange = new Exchange(storage, new TestParty.Directory().with(iiot));
  }

  @AfterEach
  void tearDown() {
    storage.close();
    raw.close();
  }

  @Test
  void aConsumerFetchesVerifiedWhatTheProducerPublished() {
    byte[] key = "he public key".getBytes(StandardCharsets.UTF_8);

    ExchangeRef ref = exchange.publish(iiot, run, "he-public-key", Map.of("keyId", "k1"), key);
    ExchangeRef again = exchange.publish(iiot, run, "he-public-key", Map.of("keyId", "k1"), key);

    VerifiedObject object = exchange.fetch(ref, Set.of("iiot"));
    assertThat(object.content()).isEqualTo(key);
    assertThat(object.header().attribute("keyId")).isEqualTo("k1");
    assertThat(exchange.list(run, "he-public-key")).contains(ref, again);
  }

  @Test
  void bytesChangedInTheBucketAreCaughtAsAnIntegrityFailure() {
    ExchangeRef ref = exchange.publish(iiot, run, "global-model", Map.of(), new byte[100]);
    String objectKey = prefix + "/" + ref.key();
    byte[] stored = raw.getObjectAsBytes(r -> r.bucket(S3ProxyServer.BUCKET).key(objectKey)).asByteArray();
    stored[stored.length - 80] ^= 0x01;
    raw.putObject(r -> r.bucket(S3ProxyServer.BUCKET).key(objectKey), RequestBody.fromBytes(stored));

    assertThatThrownBy(() -> exchange.fetch(ref, Set.of("iiot")))
        .isInstanceOf(ExchangeIntegrityException.class)
        .hasMessageContaining("global-model").hasMessageContaining("iiot-services").hasMessageContaining("altered");
  }

  @Test
  void anObjectRemovedFromTheBucketIsNamedWithTheStorageLocation() {
    ExchangeRef ref = exchange.publish(iiot, run, "global-model", Map.of(), new byte[8]);
    raw.deleteObject(r -> r.bucket(S3ProxyServer.BUCKET).key(prefix + "/" + ref.key()));

    assertThatThrownBy(() -> exchange.fetch(ref, Set.of("iiot")))
        .isInstanceOf(ExchangeIntegrityException.class).hasMessageContaining("is not in the exchange")
        .hasMessageContaining("s3://" + S3ProxyServer.BUCKET + "/" + prefix);
  }
}
