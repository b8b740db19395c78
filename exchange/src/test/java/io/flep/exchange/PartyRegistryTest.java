package io.flep.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.exchange.storage.DirectoryStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartyRegistryTest {
  @TempDir Path dir;

  @Test
  void aRegisteredPartyIsFoundByEveryoneAndCannotBeTakenOver() throws IOException {
    DirectoryStorage storage = new DirectoryStorage(dir);
    TestParty analyst = new TestParty("analyst-1", "analyst");
    new PartyRegistry(storage).register(analyst.credential(), analyst);

    PartyRegistry elsewhere = new PartyRegistry(storage);
    assertThat(elsewhere.find("analyst-1")).contains(analyst.credential());
    assertThat(elsewhere.find("analyst-2")).isEmpty();

    TestParty impostor = TestParty.impostor("analyst-1", "analyst");
    assertThatThrownBy(() -> new PartyRegistry(storage).register(impostor.credential(), impostor))
        .isInstanceOf(ExchangeIntegrityException.class).hasMessageContaining("already registered");
    new PartyRegistry(storage).register(analyst.credential(), analyst); // idempotent
  }

  @Test
  void anAlteredCredentialIsRefused() throws IOException {
    DirectoryStorage storage = new DirectoryStorage(dir);
    TestParty analyst = new TestParty("analyst-1", "analyst");
    new PartyRegistry(storage).register(analyst.credential(), analyst);
    Path file = dir.resolve("parties/analyst-1.credential");
    byte[] bytes = Files.readAllBytes(file);
    bytes[30] ^= 1;
    Files.write(file, bytes);

    assertThatThrownBy(() -> new PartyRegistry(storage).find("analyst-1"))
        .isInstanceOf(ExchangeIntegrityException.class).hasMessageContaining("analyst-1");
  }
}
