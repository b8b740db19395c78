package io.flep.workers.run;

import io.flep.workers.store.StageRepository.StageRow;
import io.flep.workers.task.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * One line per lifecycle stage, folded from every task execution of that stage: FAILED or RUNNING when any
 * execution is, else the status of the last execution (a retried or rejected attempt that later work
 * recovered from does not count); {@code ms} is the work time summed over tasks.
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
    for (String worst : List.of("FAILED", "RUNNING")) {
      if (rows.stream().anyMatch(r -> worst.equals(r.status()))) {
        return worst;
      }
    }
    // A rejection the model routed around (e.g. an untrusted cloud falling back to encrypted aggregation) is
    // followed by completed work of the same stage; only a rejection that ended the stage counts.
    String last = rows.get(rows.size() - 1).status();
    return "RETRYING".equals(last) || "REJECTED".equals(last) ? last : "COMPLETED";
  }
}
