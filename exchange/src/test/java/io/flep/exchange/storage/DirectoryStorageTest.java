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

  @Test
  void listingWhileOthersPublishNeverFailsAndNeverShowsHalfAnObject() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    Thread writer = new Thread(() -> {
      for (int i = 0; i < 2000 && !done.get(); i++) {
        try {
          storage.putIfAbsent("runs/r1/k/p/object-" + i, new byte[4096]);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    });
    writer.start();
    try {
      int listings = 0;
      while (writer.isAlive()) {
        for (String key : storage.list("runs/r1/")) {
          assertThat(key).doesNotContain(".incoming-");
          assertThat(storage.get(key)).hasValueSatisfying(bytes -> assertThat(bytes).hasSize(4096));
        }
        listings++;
      }
      assertThat(listings).isPositive();
    } finally {
      done.set(true);
      writer.join();
    }
    assertThat(storage.list("runs/r1/")).hasSize(2000);
  }
}
