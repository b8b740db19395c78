package io.flep.workers.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.workers.testing.EmbeddedFlepTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** An analyst keeps its plaintext local models only as long as its retention says, and never the current round's. */
class LocalModelRetentionTest extends EmbeddedFlepTest {
  @Autowired ModelRepository models;
  @Autowired ArtifactStore artifacts;
  @Autowired JdbcTemplate jdbc;

  private UUID localModel(UUID run, int round, String analyst, int daysOld) {
    Ref ref = artifacts.put(run, new ArtifactStore.NewArtifact("local-model", analyst, "application/vnd.flep.model",
        new byte[] {1, 2, 3}, null));
    UUID id = models.record(run, round, "local", analyst, ref.id());
    jdbc.update("update model set created_at = now() - make_interval(days => ?) where id = ?", daysOld, id);
    return ref.id();
  }

  @Test
  void oldLocalModelsOfThisAnalystAreDeletedWithTheirArtifacts() {
    UUID run = UUID.randomUUID();
    UUID old = localModel(run, 1, "analyst-r", 3);
    UUID current = localModel(run, 2, "analyst-r", 3);
    UUID recent = localModel(UUID.randomUUID(), 1, "analyst-r", 0);
    UUID someoneElses = localModel(run, 1, "analyst-s", 3);

    assertThat(models.deleteOlderThan("local", "analyst-r", Duration.ofDays(1), run, 2)).isEqualTo(1);

    assertThat(jdbc.queryForObject("select count(*) from artifact where id = ?", Integer.class, old)).isZero();
    for (UUID kept : new UUID[] {current, recent, someoneElses}) {
      assertThat(jdbc.queryForObject("select count(*) from artifact where id = ?", Integer.class, kept)).isOne();
    }
  }
}
