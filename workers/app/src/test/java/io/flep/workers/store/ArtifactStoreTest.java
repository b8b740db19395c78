package io.flep.workers.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.testing.EmbeddedFlepTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class ArtifactStoreTest extends EmbeddedFlepTest {
  @Autowired ArtifactStore store;
  @Autowired JdbcTemplate jdbc;

  private static ArtifactStore.NewArtifact text(String content) {
    return new ArtifactStore.NewArtifact("note", "test", "text/plain", content.getBytes(StandardCharsets.UTF_8), null);
  }

  @Test
  void storesAndReadsBackInOrderWithTheirDigests() {
    List<Ref> refs = store.putAll(null, List.of(text("a"), text("b"), text("c")));

    assertThat(refs.get(0).sha256()).isEqualTo("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
    List<Artifact> read = store.getAll(List.of(refs.get(2).id(), refs.get(0).id()));
    assertThat(read).extracting(a -> new String(a.content(), StandardCharsets.UTF_8)).containsExactly("c", "a");
  }

  @Test
  void contentAlteredInTheDatabaseIsAnIntegrityViolation() {
    Ref ref = store.put(null, text("model weights"));
    jdbc.update("update artifact set content = ? where id = ?", "model weightz".getBytes(StandardCharsets.UTF_8), ref.id());

    assertThatThrownBy(() -> store.get(ref)).isInstanceOf(IntegrityViolationException.class)
        .hasMessageContaining(ref.id().toString());
  }

  @Test
  void aReferenceWithAnotherDigestIsAnIntegrityViolation() {
    Ref ref = store.put(null, text("x"));
    Ref forged = new Ref(ref.id(), "0".repeat(64), ref.size());

    assertThatThrownBy(() -> store.get(forged)).isInstanceOf(IntegrityViolationException.class);
  }
}
