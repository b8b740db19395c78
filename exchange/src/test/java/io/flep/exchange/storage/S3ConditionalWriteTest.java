package io.flep.exchange.storage;

import static io.flep.exchange.storage.ExchangeStorageContract.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.exchange.storage.StubS3Server.Behaviour;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * How {@link S3Storage#putIfAbsent} writes on servers that behave unlike S3Proxy (which ignores If-None-Match, see
 * {@link S3StorageTest}): one that honours the header, one that answers 501, one that fails.
 */
class S3ConditionalWriteTest {
  private static final String PROBE = S3Storage.PROBE_KEY;

  @Test
  void onAServerThatHonoursIfNoneMatchEveryWriteIsConditionalAndNothingIsAskedFirst() throws IOException {
    try (StubS3Server server = new StubS3Server(Behaviour.HONOURS_IF_NONE_MATCH);
        S3Storage storage = server.storage()) {
      assertThat(storage.putIfAbsent("runs/r1/k/p/a", utf8("first"))).isTrue();
      assertThat(storage.putIfAbsent("runs/r1/k/p/a", utf8("second"))).isFalse();

      assertThat(storage.get("runs/r1/k/p/a")).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("first")));
      assertThat(storage.honoursConditionalWrites()).contains(true);
      assertThat(server.requests()).containsExactly(
          "PUT " + PROBE + " if-none-match", "PUT " + PROBE + " if-none-match", // stored, then refused: honoured
          "PUT runs/r1/k/p/a if-none-match", "PUT runs/r1/k/p/a if-none-match", "GET runs/r1/k/p/a");
    }
  }

  @Test
  void aProbeObjectLeftByAnEarlierStorageSettlesTheQuestionInOneWrite() throws IOException {
    try (StubS3Server server = new StubS3Server(Behaviour.HONOURS_IF_NONE_MATCH)) {
      try (S3Storage first = server.storage()) {
        first.putIfAbsent("runs/r1/k/p/a", utf8("x"));
      }
      server.forgetRequests();
      try (S3Storage second = server.storage()) {
        assertThat(second.putIfAbsent("runs/r1/k/p/b", utf8("y"))).isTrue();
        assertThat(second.honoursConditionalWrites()).contains(true);
      }
      assertThat(server.requests()).containsExactly("PUT " + PROBE + " if-none-match",
          "PUT runs/r1/k/p/b if-none-match");
    }
  }

  @Test
  void onAServerAnswering501TheStorageFallsBackToHeadThenPut() throws IOException {
    try (StubS3Server server = new StubS3Server(Behaviour.NOT_IMPLEMENTED); S3Storage storage = server.storage()) {
      assertThat(storage.putIfAbsent("runs/r1/k/p/a", utf8("first"))).isTrue();
      assertThat(storage.putIfAbsent("runs/r1/k/p/a", utf8("second"))).isFalse();

      assertThat(storage.get("runs/r1/k/p/a")).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("first")));
      assertThat(storage.honoursConditionalWrites()).contains(false);
      assertThat(server.requests()).containsExactly("PUT " + PROBE + " if-none-match",
          "HEAD runs/r1/k/p/a", "PUT runs/r1/k/p/a", "HEAD runs/r1/k/p/a", "GET runs/r1/k/p/a");
    }
  }

  @Test
  void a501AfterTheProbeAlsoFallsBackAndTheObjectIsStored() throws IOException {
    try (StubS3Server server = new StubS3Server(Behaviour.HONOURS_IF_NONE_MATCH);
        S3Storage storage = server.storage()) {
      storage.putIfAbsent("runs/r1/k/p/a", utf8("a"));
      server.behave(Behaviour.NOT_IMPLEMENTED); // e.g. a proxy in front of mixed servers
      server.forgetRequests();

      assertThat(storage.putIfAbsent("runs/r1/k/p/b", utf8("b"))).isTrue();

      assertThat(storage.honoursConditionalWrites()).contains(false);
      assertThat(server.requests()).containsExactly("PUT runs/r1/k/p/b if-none-match", "HEAD runs/r1/k/p/b",
          "PUT runs/r1/k/p/b");
      assertThat(storage.get("runs/r1/k/p/b")).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("b")));
    }
  }

  @Test
  void aServerErrorIsAnIOExceptionNamingOperationKeyBucketAndEndpoint() throws IOException {
    try (StubS3Server server = new StubS3Server(Behaviour.FAILS); S3Storage storage = server.storage()) {
      assertThatThrownBy(() -> storage.putIfAbsent("runs/r1/k/p/a", utf8("x"))).isInstanceOf(IOException.class)
          .hasMessageContaining("could not write '" + PROBE + "'")
          .hasMessageContaining("bucket '" + StubS3Server.BUCKET + "'")
          .hasMessageContaining("endpoint " + server.endpoint())
          .hasMessageContaining("HTTP 500 InternalError");
      assertThatThrownBy(() -> storage.get("runs/r1/k/p/a")).isInstanceOf(IOException.class)
          .hasMessageContaining("could not read 'runs/r1/k/p/a'").hasMessageContaining("HTTP 500");
    }
  }
}
