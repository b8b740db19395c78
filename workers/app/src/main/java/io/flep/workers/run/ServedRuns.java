package io.flep.workers.run;

import io.flep.workers.store.RunRepository;
import io.flep.workers.store.RunRepository.RunRow;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs of {@code flep serve}: each is started and then followed in the background until it ends, so that a task
 * failing for good or an incident finishes its record. When the application is ready it follows again every run
 * an earlier process left unfinished (stopped or killed while the run was going): the engine continues those by
 * itself, and their records must still end.
 */
@Component
@ConditionalOnWebApplication
public class ServedRuns {
  /** How long a served run is followed before it is given up as timed out. */
  static final Duration FOLLOW_FOR = Duration.ofHours(12);

  private static final Logger LOG = LoggerFactory.getLogger(ServedRuns.class);

  private final RunService service;
  private final RunRepository runs;
  /** Runs this process follows: each once, though a run may be posted while the unfinished ones are resumed. */
  private final Set<UUID> followed = ConcurrentHashMap.newKeySet();

  public ServedRuns(RunService service, RunRepository runs) {
    this.service = service;
    this.runs = runs;
  }

  /** Starts the run and returns at once; the run goes on, and is followed, in the background. */
  public RunService.StartedRun start(RunRequest request) {
    RunService.StartedRun run = service.start(request);
    follow(run, request);
    return run;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void resumeUnfinished() {
    try {
      Instant processStart = ProcessHandle.current().info().startInstant().orElse(Instant.now());
      for (RunRow row : runs.unfinished()) {
        try {
          resume(row, processStart);
        } catch (RuntimeException e) {
          LOG.warn("could not follow unfinished run {} again: {}", row.id(), e.toString());
        }
      }
    } catch (DataAccessException e) {
      LOG.warn("could not look for unfinished runs to follow: {}", e.getMostSpecificCause().getMessage());
    }
  }

  private void resume(RunRow row, Instant processStart) {
    if (!service.engineMode().equals(row.engineMode())) {
      return; // started on another engine, which this process does not talk to
    }
    if (row.processInstanceKey() == null) {
      if (row.createdAt().isBefore(processStart)) {
        runs.finish(row.id(), "FAILED", null,
            "the process that started this run stopped before the engine confirmed its process instance");
      }
      return; // else another process is starting it right now
    }
    if (followed.contains(row.id())) {
      return; // posted to this process while it was starting
    }
    LOG.info("following run {} again (process instance {}), unfinished when the last process stopped", row.id(),
        row.processInstanceKey());
    RunRequest request = service.requestOf(row);
    service.actForAnalysts(request); // this process's analysts take the run's remaining jobs again
    follow(new RunService.StartedRun(row.id(), row.processInstanceKey(), System.nanoTime()), request);
  }

  private void follow(RunService.StartedRun run, RunRequest request) {
    UUID runId = run.runId();
    if (!followed.add(runId)) {
      return;
    }
    Thread.ofVirtual().name("flep-run-" + runId).start(() -> {
      try {
        RunReport report = service.follow(run, request, line -> LOG.info("run {}: {}", runId, line), FOLLOW_FOR);
        LOG.info("run {} ended: {}{}", runId, report.status(),
            report.failure() == null ? "" : " (" + report.failure() + ")");
      } catch (RuntimeException e) {
        LOG.warn("following run {} failed: {}", runId, e.toString());
      } finally {
        followed.remove(runId);
      }
    });
  }
}
