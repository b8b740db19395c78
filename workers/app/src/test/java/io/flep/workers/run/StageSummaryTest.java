package io.flep.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.workers.store.StageRepository.StageRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageSummaryTest {
  private static StageRow row(long id, String stage, String status, long ms) {
    return new StageRow(id, stage, "flep.x", 1, "a", status, ms, null, null);
  }

  private static StageSummary summary(List<StageRow> rows, String stage) {
    return StageSummary.of(rows).stream().filter(s -> s.name().equals(stage)).findFirst().orElseThrow();
  }

  @Test
  void listsEveryStageInLifecycleOrderAndSumsWorkTime() {
    List<StageRow> rows = List.of(row(1, "analyze", "COMPLETED", 10), row(2, "analyze", "COMPLETED", 15));

    assertThat(StageSummary.of(rows)).extracting(StageSummary::name).containsExactly(
        "generate", "store", "encrypt", "share-keys", "analyze", "secure-model", "aggregate", "serve");
    assertThat(summary(rows, "analyze")).isEqualTo(new StageSummary("analyze", "COMPLETED", 25, 2));
    assertThat(summary(rows, "serve").status()).isEqualTo("NOT_RUN");
  }

  @Test
  void aFailureAnywhereFailsTheStage() {
    List<StageRow> rows = List.of(row(1, "encrypt", "FAILED", 3), row(2, "encrypt", "COMPLETED", 4));
    assertThat(summary(rows, "encrypt").status()).isEqualTo("FAILED");
  }

  @Test
  void recoveredRetriesAndRoutedRejectionsDoNotCount() {
    List<StageRow> rows = List.of(row(1, "store", "RETRYING", 5000), row(2, "store", "COMPLETED", 40),
        row(3, "aggregate", "REJECTED", 2), row(4, "aggregate", "COMPLETED", 30));

    assertThat(summary(rows, "store")).isEqualTo(new StageSummary("store", "COMPLETED", 5040, 1));
    assertThat(summary(rows, "aggregate").status()).isEqualTo("COMPLETED");
  }

  @Test
  void aRejectionThatEndedTheStageShows() {
    assertThat(summary(List.of(row(1, "analyze", "REJECTED", 2)), "analyze").status()).isEqualTo("REJECTED");
  }
}
