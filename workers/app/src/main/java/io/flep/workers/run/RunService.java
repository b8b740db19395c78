package io.flep.workers.run;

import io.flep.workers.engine.CloudTrustDecision;
import io.flep.workers.config.Parties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.flep.exchange.Exchange;
import io.flep.exchange.ExchangeRef;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.config.Roles;
import io.flep.workers.policy.RunPolicies;
import io.flep.workers.policy.RunPolicy;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.dataowner.DeviceDataSource;
import io.flep.workers.analyst.AnalystJobWorkers;
import io.flep.workers.evaluation.PlaintextEvaluation;
import io.flep.workers.store.ModelRepository;
import io.flep.workers.store.RunRepository;
import io.flep.workers.store.StageRepository;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.RunFinishedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Starts a lifecycle run on the engine and follows it until it ends, fails or times out: through the engine, and
 * through the stage and round statements the parties publish in the exchange ({@link RunRecords}), wherever they
 * run. Works the same against the embedded engine and a cluster.
 */
@Service
public class RunService {
  private static final Logger LOG = LoggerFactory.getLogger(RunService.class);
  public static final String PROCESS_ID = "flep-lifecycle";
  private static final Duration POLL = Duration.ofMillis(300);

  private final CamundaClient client;
  private final RunRepository runs;
  private final RunRecords records;
  private final FlepProperties properties;
  private final ObjectMapper json;
  private final ObjectProvider<IncidentSource> incidents;
  private final ApplicationEventPublisher events;
  private final ObjectProvider<AnalystJobWorkers> analystWorkers;
  private final ObjectProvider<PlaintextEvaluation> evaluation;
  private final RunPolicies policies;
  private final PartyIdentities identities;
  private final PluginRegistry plugins;
  private final Exchange exchange;

  public RunService(CamundaClient client, RunRepository runs, RunRecords records,
      FlepProperties properties, ObjectMapper json, ObjectProvider<IncidentSource> incidents,
      ApplicationEventPublisher events, ObjectProvider<AnalystJobWorkers> analystWorkers,
      ObjectProvider<PlaintextEvaluation> evaluation, RunPolicies policies, PartyIdentities identities,
      PluginRegistry plugins, Exchange exchange) {
    this.policies = policies;
    this.identities = identities;
    this.plugins = plugins;
    this.exchange = exchange;
    this.analystWorkers = analystWorkers;
    this.evaluation = evaluation;
    this.client = client;
    this.runs = runs;
    this.records = records;
    this.properties = properties;
    this.json = json;
    this.incidents = incidents;
    this.events = events;
  }

  /**
   * Starts the run and returns its id and process instance key without waiting: checks the request against the
   * policy rules, signs the run's policy as the data owner and publishes it, then starts the process with a
   * reference to it. The variables steer the model; what the parties may do is the policy's.
   *
   * @throws io.flep.workers.policy.PolicyRuleException naming the rule the request breaks; nothing is started
   */
  public StartedRun start(RunRequest request) {
    RunPolicyRules.check(request, plugins);
    UUID runId = UUID.randomUUID();
    RunPolicy policy = RunPolicyRules.policyFor(request, runId, properties.cloud().id(), CloudTrustDecision.trusted(
        request.cloudMode(), properties.cloud().attested(), properties.cloud().jurisdiction()));
    actForAnalysts(request);
    runs.create(runId, engineMode(), toJson(request));
    ExchangeRef policyRef = policies.publish(identities.of(Parties.DATA_OWNER, Roles.DATA_OWNER), policy);
    if (policy.reproduction()) {
      LOG.warn("run {} reproduces the paper: its policy allows ciphers marked not-secure", runId);
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(RunPolicies.VARIABLE, policyRef.toVariable());
    variables.put("runId", runId.toString());
    variables.put("analysts", request.analystIds());
    variables.put("rounds", request.rounds());
    variables.put("round", 1);
    // the model's round deadline timer: the signed policy's, which the IIoT services check when they close a round
    variables.put("roundDeadline", policy.roundDeadline());
    variables.put("targetAccuracy", request.targetAccuracy());
    variables.put("cloudMode", request.cloudMode());
    variables.put("cloudAttested", properties.cloud().attested());
    variables.put("cloudJurisdiction", properties.cloud().jurisdiction());
    variables.put("seed", request.seed());
    variables.put("dataSource", request.dataSource() == null ? DeviceDataSource.BUILTIN_DIGITS : request.dataSource());
    long key;
    try {
      key = client.newCreateInstanceCommand().bpmnProcessId(PROCESS_ID).latestVersion().variables(variables)
          .send().join().getProcessInstanceKey();
    } catch (RuntimeException e) {
      runs.finish(runId, "FAILED", null, "the engine did not start the process: " + e.getMessage());
      throw e;
    }
    runs.attachProcessInstance(runId, key);
    return new StartedRun(runId, key, System.nanoTime());
  }

  /**
   * In a process that runs every role (not one party), acts for the run's analysts too: registers them before the
   * data owner seals their keys, and opens their job workers. Idempotent; needed again when a run is resumed.
   */
  public void actForAnalysts(RunRequest request) {
    AnalystJobWorkers analystWorkers = this.analystWorkers.getIfAvailable();
    if (analystWorkers != null && !properties.party().single()) {
      request.analystIds().forEach(analystWorkers::actFor);
    }
  }

  /** A run on its way. */
  public record StartedRun(UUID runId, long processInstanceKey, long startedNanos) {}

  /** Starts the run and follows it to its end, reporting progress; never returns before the run has ended. */
  public RunReport execute(RunRequest request, RunProgress progress, Duration timeout) {
    StartedRun run = start(request);
    progress.line("run " + run.runId() + " started (" + engineMode() + " engine, process instance "
        + run.processInstanceKey() + ")");
    return follow(run, request, progress, timeout);
  }

  /**
   * Follows a started run until it ends, a task fails for good (a FAILED stage record, or an incident on the
   * embedded engine), or {@code timeout} passes. Survives the database going away: the engine still tells.
   */
  public RunReport follow(StartedRun run, RunRequest request, RunProgress progress, Duration timeout) {
    RunFollower follower = new RunFollower(run, request, progress);
    long deadline = System.nanoTime() + timeout.toNanos();
    String failure;
    String status;
    while (true) {
      Optional<RunRepository.RunRow> row = Optional.empty();
      try {
        follower.printNew(records.stages(run.runId()), records.rounds(run.runId()), records.closures(run.runId()));
        row = runs.find(run.runId());
      } catch (DataAccessException e) {
        follower.databaseUnavailable(e);
      }
      if (row.isPresent() && !"RUNNING".equals(row.get().status())) {
        status = row.get().status();
        failure = row.get().failure();
        break;
      }
      Optional<String> stopped = follower.failedTask().or(() -> incident(run.processInstanceKey()));
      if (stopped.isPresent()) {
        failure = stopped.get();
        status = "FAILED";
        break;
      }
      if (System.nanoTime() > deadline) {
        failure = "no result after " + timeout.toMinutes() + " min";
        status = "TIMED_OUT";
        break;
      }
      sleep();
    }
    events.publishEvent(new RunFinishedEvent(run.runId(), status));
    try {
      if (!"COMPLETED".equals(status) && !"REJECTED".equals(status)) {
        runs.finish(run.runId(), "FAILED", null, failure);
      }
      List<StageRepository.StageRow> finalRows = records.stages(run.runId());
      follower.printNew(finalRows, records.rounds(run.runId()), records.closures(run.runId()));
      if ("REJECTED".equals(status) && failure == null) {
        // the business rule that ended the run, as the party that applied it stated it
        failure = finalRows.stream().filter(r -> "REJECTED".equals(r.status()) && r.message() != null)
            .reduce((first, second) -> second).map(StageRepository.StageRow::message).orElse(null);
      }
      return report(run, request, status, failure);
    } catch (DataAccessException e) {
      return RunReport.builder().runId(run.runId().toString()).engine(engineMode()).mode(mode()).status(status)
          .failure(failure + " (the private database is unreachable, so this report has no stage details)")
          .analysts(request.analysts()).roundsRequested(request.rounds()).cloudMode(request.cloudMode())
          .totalMs((System.nanoTime() - run.startedNanos()) / 1_000_000).build();
    }
  }

  public RunReport report(StartedRun run, RunRequest request, String status, String failure) {
    String outcome = runs.find(run.runId()).map(RunRepository.RunRow::outcome).orElse(null);
    return report(run.runId(), request, status, failure, outcome,
        (System.nanoTime() - run.startedNanos()) / 1_000_000);
  }

  /**
   * The run as the stores have it now, whichever process started it (before a restart too): its live status
   * ({@code RUNNING} until it ends) with the stages and rounds done so far; empty for an unknown run.
   */
  public Optional<RunReport> report(UUID runId) {
    return runs.find(runId).map(row -> {
      Instant end = row.finishedAt() != null ? row.finishedAt() : Instant.now();
      return report(runId, requestOf(row), row.status(), row.failure(), row.outcome(),
          Duration.between(row.createdAt(), end).toMillis());
    });
  }

  /** The options a run was started with, as stored with it. */
  RunRequest requestOf(RunRepository.RunRow row) {
    try {
      return json.readValue(row.parametersJson(), RunRequest.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException("run " + row.id() + " has unreadable parameters: " + row.parametersJson(), e);
    }
  }

  private RunReport report(UUID runId, RunRequest request, String status, String failure, String outcome,
      long totalMs) {
    List<StageRepository.StageRow> rows = records.stages(runId);
    List<RunReport.Stage> stageLines = StageSummary.of(rows).stream()
        .map(s -> new RunReport.Stage(s.name(), s.status(), s.ms(), s.executions())).toList();
    List<RunReport.Round> rounds = records.rounds(runId).stream()
        .map(r -> new RunReport.Round(r.round(), r.accuracy(), r.path(), r.maxAbsDiff(),
            r.plaintextAccuracy())).toList();
    RunReport.Round last = rounds.isEmpty() ? null : rounds.get(rounds.size() - 1);
    return RunReport.builder().runId(runId.toString()).engine(engineMode()).mode(mode()).status(status)
        .outcome(outcome)
        .failure(failure).analysts(request.analysts()).roundsRequested(request.rounds())
        .cloudMode(request.cloudMode()).plugins(pluginsUsed(rows)).stages(stageLines).rounds(rounds)
        .participation(records.closures(runId))
        .decryption(decryptions(rows))
        .finalAccuracy(last == null ? null : last.accuracy())
        .maxAbsDiffVsPlaintextFedAvg(last == null ? null : last.maxAbsDiffVsPlaintextFedAvg())
        .privacy(request.differentialPrivacy().map(dp -> new RunReport.Privacy(dp.noiseMultiplier(), dp.clipNorm(),
            dp.delta(), rounds.size(), dp.epsilon(rounds.size()))).orElse(null))
        .policy(policyOf(runId, request))
        .totalMs(totalMs).build();
  }

  private RunReport.Policy policyOf(UUID runId, RunRequest request) {
    // the policy this data owner signed for the run: anything else stored under the run's policies is not it
    List<ExchangeRef> published = exchange.list(runId, ExchangeKinds.RUN_POLICY).stream()
        .filter(ref -> ref.producer().equals(Parties.DATA_OWNER)).toList();
    for (ExchangeRef ref : published) {
      try {
        RunPolicy policy = policies.verified(ref, runId);
        return new RunReport.Policy(ref.address(), policy.minContributors(), policy.roundDeadline(),
            policy.trustedClouds(), policy.reproduction());
      } catch (RuntimeException notThePolicy) {
        LOG.warn("run {}: {} is stored as its policy but does not verify: {}", runId, ref, notThePolicy.getMessage());
      }
    }
    return null;
  }

  private Map<String, String> pluginsUsed(List<StageRepository.StageRow> rows) {
    Map<String, String> plugins = new LinkedHashMap<>();
    for (StageRepository.StageRow row : rows) {
      if (row.detailsJson() == null) {
        continue;
      }
      try {
        Object plugin = json.readValue(row.detailsJson(), Map.class).get("plugin");
        if (plugin == null) {
          continue;
        }
        switch (row.taskType()) {
          case JobTypes.ENCRYPT -> plugins.put("dataCipher", plugin.toString());
          case JobTypes.ISSUE_HE_KEYS -> plugins.put("heScheme", plugin.toString());
          default -> { }
        }
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("stage details are not JSON: " + row.detailsJson(), e);
      }
    }
    return plugins;
  }

  private List<RunReport.Decryption> decryptions(List<StageRepository.StageRow> rows) {
    List<RunReport.Decryption> out = new ArrayList<>();
    for (StageRepository.StageRow row : rows) {
      if (!JobTypes.ANALYST_DECRYPT.equals(JobTypes.templateOf(row.taskType())) || !"COMPLETED".equals(row.status())
          || row.detailsJson() == null) {
        continue;
      }
      try {
        Map<?, ?> details = json.readValue(row.detailsJson(), Map.class);
        if (Boolean.TRUE.equals(details.get("reused"))) {
          continue;
        }
        Object images = details.get("images");
        Object psnr = details.get("psnrDb");
        Object identical = details.get("identical");
        out.add(new RunReport.Decryption(row.actor(), row.round(), images instanceof Number n ? n.intValue() : 0,
            psnr instanceof Number p ? p.doubleValue() : null, identical instanceof Boolean b ? b : null));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("stage details are not JSON: " + row.detailsJson(), e);
      }
    }
    return out;
  }

  private Optional<String> incident(long processInstanceKey) {
    IncidentSource source = incidents.getIfAvailable();
    return source == null ? Optional.empty() : source.openIncident(processInstanceKey);
  }

  /** Whether this run's report compares with plaintext (an in-memory evaluator is present) or not. */
  String mode() {
    return evaluation.getIfAvailable() != null ? "evaluation" : "deployment";
  }

  String engineMode() {
    return properties.embeddedEngine() ? "embedded" : "remote";
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while following the run", e);
    }
  }
}
