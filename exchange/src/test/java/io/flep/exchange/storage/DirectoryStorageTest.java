package io.flep.exchange.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.exchange.ExchangeStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryStorageTest extends ExchangeStorageContract {
  @TempDir Path dir;

  @Override
  protected ExchangeStorage openEmpty() throws Exception {
    return new DirectoryStorage(dir.resolve("exchange"));
  }

  @Test
  void anObjectIsAFileUnderItsKeyAndNoTemporaryFileStays() throws Exception {
    storage.putIfAbsent("runs/r1/k/p/a", utf8("bytes"));

    assertThat(dir.resolve("exchange/runs/r1/k/p/a")).hasContent("bytes");
    try (var files = Files.list(dir.resolve("exchange/runs/r1/k/p"))) {
      assertThat(files).containsExactly(dir.resolve("exchange/runs/r1/k/p/a"));
    }
    assertThat(storage.location()).isEqualTo(dir.resolve("exchange").toString());
  }
}
