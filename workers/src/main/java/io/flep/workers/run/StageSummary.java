package io.flep.workers.run;

import io.flep.workers.store.StageRepository.StageRow;
import io.flep.workers.task.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * One line per lifecycle stage, folded from every task execution of that stage: the worst status wins
 * (a retried attempt that later succeeded does not count), {@code ms} is the work time summed over tasks.
 */
public record StageSummary(String name, String status, long ms, int executions) {

  public static List<StageSummary> of(List<StageRow> rows) {
    List<StageSummary> summaries = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      List<StageRow> mine = rows.stream().filter(r -> r.stage().equals(stage.reportName())).toList();
      long ms = mine.stream().mapToLong(r -> r.ms() == null ? 0 : r.ms()).sum();
      long executions = mine.stream().filter(r -> !"RETRYING".equals(r.status())).count();
      summaries.add(new StageSummary(stage.reportName(), status(mine), ms, (int) executions));
    }
    return summaries;
  }

  private static String status(List<StageRow> rows) {
    if (rows.isEmpty()) {
      return "NOT_RUN";
    }
    for (String worst : List.of("FAILED", "REJECTED", "RUNNING")) {
      if (rows.stream().anyMatch(r -> worst.equals(r.status()))) {
        return worst;
      }
    }
    boolean retryPending = rows.get(rows.size() - 1).status().equals("RETRYING");
    return retryPending ? "RETRYING" : "COMPLETED";
  }
}
