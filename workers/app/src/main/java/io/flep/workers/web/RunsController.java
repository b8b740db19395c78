package io.flep.workers.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.flep.workers.run.RunRequest;
import io.flep.workers.run.RunService;
import io.flep.workers.run.StageSummary;
import io.flep.workers.store.ModelRepository;
import io.flep.workers.store.RunRepository;
import io.flep.workers.store.StageRepository;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs over HTTP: {@code POST /api/runs} starts one (the run options as JSON, {@link
 * RunRequestJson}) and answers {@code 202 {"runId": ...}} at once; {@code GET /api/runs/{id}} is the
 * run with its live status, stages and rounds, read from the private database (so runs started
 * before a restart are there too).
 */
@RestController
@RequestMapping("/api/runs")
public class RunsController {
  private static final Logger LOG = LoggerFactory.getLogger(RunsController.class);

  private final RunRepository runs;
  private final StageRepository stages;
  private final ModelRepository models;
  private final RunService service;

  public RunsController(RunRepository runs, StageRepository stages, ModelRepository models, RunService service) {
    this.runs = runs;
    this.stages = stages;
    this.models = models;
    this.service = service;
  }

  @PostMapping
  public ResponseEntity<Map<String, Object>> start(@RequestBody(required = false) JsonNode options) {
    RunRequest request;
    try {
      request = RunRequestJson.parse(options);
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
    RunService.StartedRun run = service.start(request);
    // follow it in the background so that a failed task or an incident ends the run's record
    Thread.ofVirtual().name("flep-run-" + run.runId()).start(() -> {
      try {
        service.follow(run, request, line -> LOG.info("{}", line), Duration.ofHours(12));
      } catch (RuntimeException e) {
        LOG.warn("following run {} failed: {}", run.runId(), e.toString());
      }
    });
    return ResponseEntity.accepted().location(URI.create("/api/runs/" + run.runId()))
        .body(Map.of("runId", run.runId().toString()));
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
