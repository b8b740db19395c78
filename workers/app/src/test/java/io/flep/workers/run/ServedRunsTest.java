package io.flep.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.workers.store.RunRepository;
import io.flep.workers.testing.EmbeddedFlepTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** What {@code flep serve} does on start with runs an earlier process left unfinished (ServeRestartTest: the rest). */
class ServedRunsTest extends EmbeddedFlepTest {
  @Autowired ServedRuns served;
  @Autowired RunRepository runs;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aRunWhoseProcessInstanceWasNeverConfirmedBeforeTheLastProcessStoppedFails() {
    UUID orphan = UUID.randomUUID();
    runs.create(orphan, "embedded", "{}");
    jdbc.update("update run set created_at = now() - interval '1 day' where id = ?", orphan);
    UUID unreadable = UUID.randomUUID(); // older, and followed first: its failure must not stop the others
    runs.create(unreadable, "embedded", "{\"analysts\": 0}");
    runs.attachProcessInstance(unreadable, 1L);
    jdbc.update("update run set created_at = now() - interval '2 days' where id = ?", unreadable);
    UUID starting = UUID.randomUUID();
    runs.create(starting, "embedded", "{}");

    served.resumeUnfinished();

    assertThat(runs.find(orphan)).get().satisfies(run -> {
      assertThat(run.status()).isEqualTo("FAILED");
      assertThat(run.failure()).contains("stopped before the engine confirmed its process instance");
    });
    assertThat(runs.find(starting)).get().satisfies(run ->
        assertThat(run.status()).as("being started by a process now").isEqualTo("RUNNING"));
    assertThat(runs.find(unreadable)).get().satisfies(run -> assertThat(run.status()).isEqualTo("RUNNING"));
  }
}
