package io.flep.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.exchange.storage.DirectoryStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeTest {
  @TempDir Path dir;

  private final TestParty iiot = new TestParty("iiot-services", "iiot");
  private final TestParty analyst = new TestParty("analyst-1", "analyst");
  private final UUID run = UUID.randomUUID();
  private DirectoryStorage storage;
  private Exchange exchange;

  @BeforeEach
  void setUp() throws IOException {
    storage = new DirectoryStorage(dir);
    exchange = new Exchange(storage, new TestParty.Directory().with(iiot, analyst));
  }

  @Test
  void aConsumerGetsWhatTheProducerPublished() {
    byte[] key = "he public key".getBytes(StandardCharsets.UTF_8);
    ExchangeRef ref = exchange.publish(iiot, run, "he-public-key", Map.of("keyId", "k1"), key);

    VerifiedObject object = exchange.fetch(ref, Set.of("iiot"));

    assertThat(object.content()).isEqualTo(key);
    assertThat(object.header().producer()).isEqualTo("iiot-services");
    assertThat(object.header().attribute("keyId")).isEqualTo("k1");
    assertThat(exchange.list(run, "he-public-key")).containsExactly(ref);
    assertThat(ExchangeRef.fromVariable("heKeyRef", ref.toVariable())).isEqualTo(ref);
  }

  @Test
  void aFlippedBitIsCaughtAndNamed() throws IOException {
    ExchangeRef ref = exchange.publish(iiot, run, "he-public-key", Map.of(), new byte[100]);
    Path file = dir.resolve(ref.key());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 80] ^= 0x01;
    Files.write(file, bytes);

    assertThatThrownBy(() -> exchange.fetch(ref, Set.of("iiot")))
        .isInstanceOf(ExchangeIntegrityException.class)
        .hasMessageContaining("he-public-key").hasMessageContaining("iiot-services").hasMessageContaining("altered");
  }

  @Test
  void aSubstitutedObjectSignedByItsClaimedProducerIsStillNotTheReferencedOne() throws IOException {
    ExchangeRef ref = exchange.publish(iiot, run, "he-public-key", Map.of(), "genuine".getBytes());
    ExchangeRef other = exchange.publish(iiot, run, "he-public-key", Map.of(), "attacker's".getBytes());
    Files.copy(dir.resolve(other.key()), dir.resolve(ref.key()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> exchange.fetch(ref, Set.of("iiot")))
        .isInstanceOf(ExchangeIntegrityException.class).hasMessageContaining("altered");
  }

  @Test
  void anObjectSignedByAnotherPartyIsRefused() {
    TestParty impostor = TestParty.impostor("iiot-services", "iiot");
    ExchangeRef forged = exchange.publish(impostor, run, "he-public-key", Map.of(), "attacker's key".getBytes());

    assertThatThrownBy(() -> exchange.fetch(forged, Set.of("iiot")))
        .isInstanceOf(ExchangeIntegrityException.class)
        .hasMessageContaining("is not 'iiot-services''s").hasMessageContaining("re-signed");
  }

  @Test
  void anObjectFromAProducerInTheWrongRoleIsRefused() {
    ExchangeRef fromAnalyst = exchange.publish(analyst, run, "he-public-key", Map.of(), "key".getBytes());

    assertThatThrownBy(() -> exchange.fetch(fromAnalyst, Set.of("iiot")))
        .isInstanceOf(ExchangeIntegrityException.class)
        .hasMessageContaining("analyst-1").hasMessageContaining("accepted only from [iiot]");
  }

  @Test
  void aProducerClaimingARoleItDoesNotHaveIsRefused() {
    TestParty analystAsIiot = new TestParty("analyst-1", "iiot") {
      @Override
      public byte[] sign(byte[] message) {
        return analyst.sign(message);
      }
    };
    ExchangeRef ref = exchange.publish(analystAsIiot, run, "he-public-key", Map.of(), "key".getBytes());

    assertThatThrownBy(() -> exchange.fetch(ref, Set.of("iiot")))
        .isInstanceOf(ExchangeIntegrityException.class).hasMessageContaining("that party's role is analyst");
  }

  @Test
  void aMissingObjectIsNamed() throws IOException {
    ExchangeRef ref = exchange.publish(iiot, run, "global-model", Map.of(), new byte[8]);
    Files.delete(dir.resolve(ref.key()));

    assertThatThrownBy(() -> exchange.fetch(ref, Set.of("iiot")))
        .isInstanceOf(ExchangeIntegrityException.class).hasMessageContaining("is not in the exchange");
  }

  @Test
  void anUnknownProducerIsRefused() {
    TestParty stranger = new TestParty("stranger", "iiot");
    ExchangeRef ref = exchange.publish(stranger, run, "global-model", Map.of(), new byte[8]);

    assertThatThrownBy(() -> exchange.fetch(ref, Set.of("iiot")))
        .isInstanceOf(ExchangeIntegrityException.class).hasMessageContaining("not a known party");
  }

  @Test
  void publishingTheSameObjectTwiceKeepsOne() throws IOException {
    ExchangeRef ref = exchange.publish(iiot, run, "statement", Map.of(), new byte[8]);
    byte[] stored = Files.readAllBytes(dir.resolve(ref.key()));
    assertThat(storage.putIfAbsent(ref.key(), stored)).isFalse();
    assertThat(exchange.publish(iiot, run, "statement", Map.of(), new byte[8])).as("deterministic").isEqualTo(ref);
    assertThat(exchange.list(run, "statement")).containsExactly(ref);
  }

  @Test
  void keysCannotLeaveTheDirectory() {
    assertThatThrownBy(() -> storage.get("../outside")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.putIfAbsent("/etc/passwd", new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
