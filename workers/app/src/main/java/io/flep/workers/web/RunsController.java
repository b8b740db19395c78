package io.flep.workers.web;

import io.flep.workers.run.StageSummary;
import io.flep.workers.store.ModelRepository;
import io.flep.workers.store.RunRepository;
import io.flep.workers.store.StageRepository;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only JSON view of runs for the admin UI. */
@RestController
@RequestMapping("/api/runs")
public class RunsController {
  private final RunRepository runs;
  private final StageRepository stages;
  private final ModelRepository models;

  public RunsController(RunRepository runs, StageRepository stages, ModelRepository models) {
    this.runs = runs;
    this.stages = stages;
    this.models = models;
  }

  @GetMapping
  public List<RunRepository.RunRow> recent() {
    return runs.recent(50);
  }

  @GetMapping("/{id}")
  public ResponseEntity<Map<String, Object>> one(@PathVariable UUID id) {
    return runs.find(id)
        .map(run -> ResponseEntity.ok(Map.<String, Object>of(
            "run", run,
            "stages", StageSummary.of(stages.forRun(id)),
            "rounds", models.rounds(id))))
        .orElse(ResponseEntity.notFound().build());
  }
}
