package io.flep.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory's store password goes to a database on this machine only. */
class PartyStoreTest {
  @TempDir Path dir;

  @Test
  void onlyLoopbackUrlsCountAsThisMachine() {
    assertThat(PartyStore.onThisMachine("jdbc:postgresql://127.0.0.1:5433/flep")).isTrue();
    assertThat(PartyStore.onThisMachine("jdbc:postgresql://localhost/flep")).isTrue();
    assertThat(PartyStore.onThisMachine("jdbc:postgresql://[::1]:5432/flep")).isTrue();
    assertThat(PartyStore.onThisMachine("jdbc:postgresql://127.0.0.1.attacker.example/flep")).isFalse();
    assertThat(PartyStore.onThisMachine("jdbc:postgresql://db.example:5432/flep")).isFalse();
    assertThat(PartyStore.onThisMachine("jdbc:postgresql://localhost@attacker.example/flep")).isFalse();
    assertThat(PartyStore.onThisMachine("jdbc:h2:mem:x")).isFalse();
  }

  @Test
  void aRemoteStoreNeedsItsPasswordGivenNotTheDataDirectorysOwn() {
    assertThatThrownBy(() -> PartyStore.open(dir, Map.of("flep.datasource.url", "jdbc:postgresql://db.example/flep")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLEP_DATASOURCE_PASSWORD");
  }
}
