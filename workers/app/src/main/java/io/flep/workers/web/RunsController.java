package io.flep.workers.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.flep.workers.run.RunReport;
import io.flep.workers.run.RunRequest;
import io.flep.workers.run.RunService;
import io.flep.workers.run.ServedRuns;
import io.flep.workers.store.RunRepository;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs over HTTP: {@code POST /api/runs} starts one (the run options as JSON, {@link RunRequestJson}) and
 * answers {@code 202 {"runId": ...}} at once; {@code GET /api/runs/{runId}} is its {@link RunReport} with the
 * live status, stages and rounds, read from the stores (runs started before a restart are there too). Errors are
 * RFC 9457 problem details ({@code application/problem+json}); a bad option names it in {@code field}. Until the
 * application is ready (the lifecycle model deployed) a POST is a {@code 503} with {@code Retry-After}.
 */
@RestController
@ConditionalOnWebApplication // like ServedRuns: flep run has no web server
@RequestMapping("/api/runs")
public class RunsController {
  private final RunRepository runs;
  private final RunService service;
  private final ServedRuns served;
  private final PluginOptionCheck pluginOptions;
  private final ApplicationAvailability availability;

  public RunsController(RunRepository runs, RunService service, ServedRuns served, PluginOptionCheck pluginOptions,
      ApplicationAvailability availability) {
    this.runs = runs;
    this.service = service;
    this.served = served;
    this.pluginOptions = pluginOptions;
    this.availability = availability;
  }

  @PostMapping
  public ResponseEntity<?> start(@RequestBody(required = false) JsonNode options) {
    if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
      // the web server is up before the lifecycle model is deployed
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
          .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Starting", "flep serve is still starting; try again"));
    }
    RunRequest request = RunRequestJson.parse(options);
    pluginOptions.check(request);
    RunService.StartedRun run = served.start(request);
    return ResponseEntity.accepted().location(URI.create("/api/runs/" + run.runId()))
        .body(Map.of("runId", run.runId().toString()));
  }

  @GetMapping
  public List<RunRepository.RunRow> recent() {
    return runs.recent(50);
  }

  @GetMapping("/{runId}")
  public ResponseEntity<?> one(@PathVariable String runId) {
    return parse(runId).flatMap(service::report).<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.of(problem(HttpStatus.NOT_FOUND, "Unknown run", "no run '" + runId + "'"))
            .build());
  }

  @ExceptionHandler(InvalidRunOptionException.class)
  ResponseEntity<ProblemDetail> invalidOption(InvalidRunOptionException e) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid run option", e.getMessage());
    if (e.field() != null) {
      problem.setProperty("field", e.field());
    }
    return ResponseEntity.of(problem).build();
  }

  @ExceptionHandler(io.flep.workers.policy.PolicyRuleException.class)
  ResponseEntity<ProblemDetail> policyRule(io.flep.workers.policy.PolicyRuleException e) {
    return ResponseEntity.of(problem(HttpStatus.BAD_REQUEST, "Run policy refused", e.getMessage())).build();
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    return ResponseEntity.of(problem(HttpStatus.BAD_REQUEST, "Invalid run options",
        "the body is not JSON run options: " + e.getMostSpecificCause().getMessage())).build();
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  private static Optional<UUID> parse(String runId) {
    try {
      return Optional.of(UUID.fromString(runId));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
