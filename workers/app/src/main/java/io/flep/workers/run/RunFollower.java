package io.flep.workers.run;

import io.flep.workers.store.ModelRepository.RoundRow;
import io.flep.workers.store.StageRepository.StageRow;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Turns the stage and round records of a run into progress lines, each printed once. */
final class RunFollower {
  private final RunService.StartedRun run;
  private final RunRequest request;
  private final RunProgress progress;
  private final Set<String> printed = new HashSet<>();
  private String failedTask;

  RunFollower(RunService.StartedRun run, RunRequest request, RunProgress progress) {
    this.run = run;
    this.request = request;
    this.progress = progress;
  }

  void printNew(List<StageRow> stages, List<RoundRow> rounds, List<RunReport.Participation> closures) {
    for (RunReport.Participation closed : closures) {
      if (!printed.add("closed:" + closed.round())) {
        continue;
      }
      int analysts = closed.contributors().size() + closed.missed().size();
      String missed = closed.missed().isEmpty() ? "every analyst contributed"
          : "missed the " + closed.roundDeadline() + " deadline: " + String.join(", ", closed.missed());
      progress.line(String.format(Locale.ROOT, "[%7.1fs] round %d %s: %d of %d analysts contributed, K = %d (%s)",
          elapsedSeconds(), closed.round(), closed.refused() ? "refused" : "closed", closed.contributors().size(),
          analysts, closed.minContributors(), missed));
    }
    for (StageRow row : stages) {
      if ("RUNNING".equals(row.status()) || !printed.add("stage:" + row.id())) {
        continue;
      }
      String who = row.actor() == null ? "" : row.actor();
      String round = row.round() == null ? "" : "r" + row.round();
      String line = String.format(Locale.ROOT, "[%7.1fs] %-12s %-3s %-16s %-34s %-9s %6d ms", elapsedSeconds(),
          row.stage(), round, who, row.taskType(), row.status(), row.ms() == null ? 0 : row.ms());
      if (row.message() != null) {
        line += "  " + row.message();
      }
      progress.line(line);
      if ("FAILED".equals(row.status()) && failedTask == null) {
        failedTask = "run stopped at '" + row.stage() + "' (" + row.taskType() + "): " + row.message();
      }
    }
    for (RoundRow round : rounds) {
      if (!printed.add("round:" + round.round())) {
        continue;
      }
      String check = round.maxAbsDiff() == null ? ""
          : String.format(Locale.ROOT, ", max |diff| vs plaintext FedAvg %.2e", round.maxAbsDiff());
      progress.line(String.format(Locale.ROOT, "[%7.1fs] round %d/%d: accuracy %.4f via %s path%s",
          elapsedSeconds(), round.round(), request.rounds(), round.accuracy(), round.path(), check));
    }
  }

  /** Says once that the database is unreachable; the run is then followed through the engine alone. */
  void databaseUnavailable(org.springframework.dao.DataAccessException e) {
    if (printed.add("db-down")) {
      progress.line(String.format(Locale.ROOT, "[%7.1fs] private database unreachable (%s); waiting for the engine",
          elapsedSeconds(), e.getMostSpecificCause().getMessage()));
    }
  }

  Optional<String> failedTask() {
    return Optional.ofNullable(failedTask);
  }

  private double elapsedSeconds() {
    return (System.nanoTime() - run.startedNanos()) / 1e9;
  }
}
