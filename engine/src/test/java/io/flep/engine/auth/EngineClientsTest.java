package io.flep.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clients file: written and read back, and watched so that a client taken out is refused. */
class EngineClientsTest {
  static final String SECRET_A = "secret-of-a-0123456789";
  static final String SECRET_B = "secret-of-b-0123456789";

  @TempDir Path dir;

  @Test
  void theFileWrittenReadsBackAsTheSameClientsWithHashesOnly() throws Exception {
    EngineClients clients = EngineClients.of(List.of(client("a", SECRET_A, List.of("flep.a.*"))))
        .with(client("b", SECRET_B, List.of("flep.b.x", "flep.b.y")));
    Path file = dir.resolve("clients.json");
    Files.writeString(file, clients.toJson());

    assertThat(Files.readString(file)).doesNotContain(SECRET_A).doesNotContain(SECRET_B).contains("pbkdf2-sha256$");
    EngineClients read = EngineClients.load(file);
    assertThat(read.all()).extracting(EngineClient::id).containsExactly("a", "b");
    assertThat(read.authenticate("b", SECRET_B.toCharArray())).isPresent();
    assertThat(read.authenticate("b", SECRET_A.toCharArray())).isEmpty();
    assertThat(read.client("b").orElseThrow().permissions())
        .isEqualTo(new ClientPermissions(Set.of("ActivateJobs", "CompleteJob"), List.of("flep.b.x", "flep.b.y")));
    assertThat(read.without("a").all()).extracting(EngineClient::id).containsExactly("b");
  }

  @Test
  void aWatchedFileTakesEffectWhenItChangesAndABrokenVersionKeepsTheLastGoodOne() throws Exception {
    Path file = dir.resolve("clients.json");
    EngineClients both = EngineClients.of(List.of(client("a", SECRET_A, List.of("a.*")), client("b", SECRET_B,
        List.of("b.*"))));
    Files.writeString(file, both.toJson());
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
    EngineClients watched = EngineClients.watching(file);
    assertThat(watched.authenticate("a", SECRET_A.toCharArray())).isPresent();

    Path other = dir.resolve("other.json");
    Files.writeString(other, both.toJson());
    EngineClients justStarted = EngineClients.watching(other);
    String secretC = "secret-of-c-0123456789";
    Files.writeString(other, both.with(client("c", secretC, List.of("c.*"))).toJson()); // enrolled a moment later
    assertThat(justStarted.authenticate("c", secretC.toCharArray()))
        .as("a client enrolled within the second is found on its first try").isPresent();

    Files.writeString(file, both.without("a").toJson()); // a revoked party
    Thread.sleep(1_100); // the file is looked at once a second at most
    assertThat(watched.authenticate("a", SECRET_A.toCharArray())).as("a's client was taken out").isEmpty();
    assertThat(watched.client("a")).as("so are a's unexpired tokens").isEmpty();
    assertThat(watched.authenticate("b", SECRET_B.toCharArray())).isPresent();

    Files.writeString(file, "{\"clients\": [ broken");
    Thread.sleep(1_100);
    assertThat(watched.authenticate("b", SECRET_B.toCharArray())).as("the last good list stays").isPresent();
    assertThat(watched.client("a")).isEmpty();
  }

  @Test
  void aFileThatDoesNotReadIsRefusedNamingTheEntry() throws Exception {
    Path file = dir.resolve("clients.json");
    Files.writeString(file, "{\"clients\": [{\"id\": \"a\", \"secretHash\": \"plain\"}]}");
    assertThatThrownBy(() -> EngineClients.watching(file)).hasMessageContaining("clients[0]")
        .hasMessageContaining("secret hash");
  }

  private static EngineClient client(String id, String secret, List<String> jobTypes) {
    return new EngineClient(id, SecretHash.of(secret.toCharArray()),
        new ClientPermissions(Set.of("ActivateJobs", "CompleteJob"), jobTypes));
  }
}
