package io.flep.engine.processing;

import io.flep.engine.expression.ExpressionEvaluator;
import io.flep.engine.model.DeploymentException;
import io.flep.engine.state.DecisionRequirements;
import io.flep.engine.state.ElementInstance;
import io.flep.engine.state.EngineState;
import io.flep.engine.state.Job;
import io.flep.engine.state.JobState;
import io.flep.engine.state.ProcessDefinition;
import io.flep.engine.store.EngineStore;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's single writer. Commands queue up; one thread takes them in batches, applies each to
 * the in-memory working set, writes the batch's changes to the store in one transaction and only
 * then answers the callers (so nothing a client was told is ever lost). It also times out jobs,
 * ends back-offs and serves long-polling job activations.
 */
public final class CommandProcessor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);
  private static final int MAX_BATCH = 256;
  static final long DEFAULT_LONG_POLL_MILLIS = 10_000;
  /** No restriction on job types (an engine without authentication, or an internal caller). */
  public static final Predicate<String> ANY_JOB_TYPE = type -> true;

  private final EngineStore store;
  private final ExpressionEvaluator feel;
  private final Deployer deployer;
  private final LongSupplier clock;
  private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>();
  private final ArrayDeque<ParkedActivation> parked = new ArrayDeque<>();
  private final List<JobStream> streams = new ArrayList<>();
  private final Map<Long, Awaiting> awaiting = new HashMap<>();
  private final Set<String> typesWithNewJobs = new HashSet<>();
  private final Map<Long, InstanceEnd> endedThisBatch = new HashMap<>();
  private final List<Runnable> replies = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private EngineState state;
  private BpmnRuntime runtime;

  /**
   * @param releaseActivatedJobs whether jobs activated before this start are activatable again at
   *     once (right when the workers lived in the same process and died with it); otherwise they
   *     come back after their timeout as usual
   */
  public CommandProcessor(
      EngineStore store, DmnSupport dmn, LongSupplier clock, boolean releaseActivatedJobs)
      throws SQLException {
    this.store = store;
    this.feel = new ExpressionEvaluator();
    this.deployer = new Deployer(dmn);
    this.clock = clock;
    load();
    if (releaseActivatedJobs) {
      for (Job job : List.copyOf(state.jobs())) {
        if (job.state == JobState.ACTIVATED) {
          job.state = JobState.TIMED_OUT;
          job.deadline = -1;
          job.worker = "";
          state.touch(job);
          typesWithNewJobs.add(job.type);
        }
      }
    }
    this.thread = new Thread(this::loop, "flep-engine-processor");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  // ---------------------------------------------------------------- public commands

  public CompletableFuture<DeploymentResult> deploy(Map<String, byte[]> resources) {
    return submit(c -> {
      int known = c.state().changes().processDefinitions.size();
      DeploymentResult result = c.deployer().deploy(c.state(), resources, c.now());
      List<ProcessDefinition> added =
          List.copyOf(c.state().changes().processDefinitions.subList(known, c.state().changes().processDefinitions.size()));
      for (ProcessDefinition definition : added) {
        ProcessDefinition previous =
            definition.version() > 1
                ? c.state().processVersion(definition.bpmnProcessId(), definition.version() - 1).orElse(null)
                : null;
        c.runtime().scheduleStartTimers(definition, previous);
      }
      return result;
    });
  }

  /**
   * Publishes a message: it is correlated to every matching open subscription (one per process
   * instance) and starts instances of processes with a matching message start event (one active
   * instance per correlation key); with a time to live it is kept for subscriptions opened later.
   */
  public CompletableFuture<Long> publishMessage(
      String name, String correlationKey, long timeToLiveMillis, String messageId, String variablesJson) {
    return submit(c -> {
      if (name == null || name.isBlank()) {
        throw Rejection.invalidArgument("Expected to publish a message with a name, but none given");
      }
      String key = correlationKey == null ? "" : correlationKey;
      boolean hasId = messageId != null && !messageId.isEmpty();
      if (hasId && c.state().bufferedMessageWithId(messageId).isPresent()) {
        throw new Rejection(
            Rejection.Type.ALREADY_EXISTS,
            "Expected to publish a new message with id '" + messageId + "', but a message with that id was"
                + " already published");
      }
      Map<String, Object> variables = document(variablesJson);
      io.flep.engine.state.Message message =
          new io.flep.engine.state.Message(
              c.state().nextKey(), name, key, Json.write(variables), hasId ? messageId : null,
              c.now() + Math.max(0, timeToLiveMillis));
      for (io.flep.engine.state.MessageSubscription subscription :
          c.runtime().triggers().correlationTargets(name, key)) {
        message.correlatedTo.add(subscription.bpmnProcessId);
        c.runtime().correlate(subscription, variables);
      }
      startByMessage(c, message, variables);
      if (timeToLiveMillis > 0) {
        c.state().addMessage(message);
      }
      return message.key;
    });
  }

  private static void startByMessage(
      ProcessingContext c, io.flep.engine.state.Message message, Map<String, Object> variables) {
    for (ProcessDefinition definition : List.copyOf(c.state().latestProcesses())) {
      if (message.correlatedTo.contains(definition.bpmnProcessId())) {
        continue;
      }
      for (io.flep.engine.model.ExecutableElement start : definition.executable().root().children()) {
        if (start.type() != io.flep.engine.model.BpmnElementType.START_EVENT
            || start.eventKind() != io.flep.engine.model.EventKind.MESSAGE
            || !start.message().name().isStatic()
            || !start.message().name().source().equals(message.name)) {
          continue;
        }
        boolean running =
            !message.correlationKey.isEmpty()
                && c.state().elementInstances().stream()
                    .anyMatch(e -> e.isRoot()
                        && e.bpmnProcessId().equals(definition.bpmnProcessId())
                        && message.correlationKey.equals(e.runtime().startCorrelationKey));
        if (!running) {
          message.correlatedTo.add(definition.bpmnProcessId());
          c.runtime().createProcessInstance(
              definition, variables, -1, -1, start.id(),
              message.correlationKey.isEmpty() ? null : message.correlationKey);
        }
        break;
      }
    }
  }

  /** Starts an instance of the given definition key, or of {@code bpmnProcessId} (version -1 = latest). */
  public CompletableFuture<InstanceCreated> createInstance(
      long processDefinitionKey, String bpmnProcessId, int version, String variablesJson) {
    return submit(c -> {
      ElementInstance root = startInstance(c, processDefinitionKey, bpmnProcessId, version, variablesJson);
      return new InstanceCreated(root.processDefinitionKey(), root.bpmnProcessId(), root.version(), root.key(), null);
    });
  }

  /** Starts an instance and answers once it completed, with its variables ({@code fetch} filters). */
  public CompletableFuture<InstanceCreated> createInstanceAwaitingResult(
      long processDefinitionKey,
      String bpmnProcessId,
      int version,
      String variablesJson,
      long requestTimeoutMillis,
      List<String> fetch) {
    CompletableFuture<InstanceCreated> result = new CompletableFuture<>();
    enqueue(new Work() {
      @Override
      void run(ProcessingContext c) throws Rejection {
        ElementInstance root = startInstance(c, processDefinitionKey, bpmnProcessId, version, variablesJson);
        Awaiting waiter =
            new Awaiting(result, root.processDefinitionKey(), root.bpmnProcessId(), root.version(), root.key(),
                fetch, c.now() + (requestTimeoutMillis > 0 ? requestTimeoutMillis : DEFAULT_LONG_POLL_MILLIS));
        InstanceEnd ended = endedThisBatch.get(root.key());
        if (ended != null) {
          replies.add(() -> waiter.answer(ended));
        } else {
          awaiting.put(root.key(), waiter);
        }
      }

      @Override
      void fail(Throwable error) {
        result.completeExceptionally(error);
      }
    });
    return result;
  }

  /** Activates up to {@code max} jobs; waits up to the request timeout (long polling) if there are none. */
  public CompletableFuture<List<ActivatedJobData>> activateJobs(
      String type, String worker, long timeoutMillis, int max, List<String> fetch, long requestTimeoutMillis) {
    CompletableFuture<List<ActivatedJobData>> result = new CompletableFuture<>();
    ParkedActivation request =
        new ParkedActivation(type, worker == null || worker.isBlank() ? "default" : worker, timeoutMillis,
            Math.max(1, max), fetch, result);
    enqueue(new Work() {
      @Override
      void run(ProcessingContext c) throws Rejection {
        if (type == null || type.isBlank()) {
          throw Rejection.invalidArgument("Expected to activate jobs of a type, but no type given");
        }
        if (timeoutMillis < 1) {
          throw Rejection.invalidArgument(
              "Expected to activate jobs with a timeout greater than zero, but got " + timeoutMillis);
        }
        List<ActivatedJobData> jobs = activate(c, request);
        if (!jobs.isEmpty() || requestTimeoutMillis < 0) {
          replies.add(() -> result.complete(jobs));
        } else {
          request.expiresAt = c.now() + (requestTimeoutMillis == 0 ? DEFAULT_LONG_POLL_MILLIS : requestTimeoutMillis);
          parked.add(request);
        }
      }

      @Override
      void fail(Throwable error) {
        result.completeExceptionally(error);
      }
    });
    return result;
  }

  public CompletableFuture<Void> completeJob(long jobKey, String variablesJson) {
    return completeJob(jobKey, variablesJson, ANY_JOB_TYPE);
  }

  /** Completes a job if {@code mayHandle} accepts its type (the caller's permissions). */
  public CompletableFuture<Void> completeJob(long jobKey, String variablesJson, Predicate<String> mayHandle) {
    return submit(c -> {
      Job job = job(c, jobKey, "complete", mayHandle);
      if (job.state != JobState.ACTIVATED && !job.isActivatable()) {
        throw Rejection.invalidState(
            "Expected to complete job with key '" + jobKey + "', but it is in state '" + job.state + "'");
      }
      c.runtime().jobCompleted(job, document(variablesJson));
      return null;
    });
  }

  public CompletableFuture<Void> failJob(
      long jobKey, int retries, String message, long backoffMillis, String variablesJson) {
    return failJob(jobKey, retries, message, backoffMillis, variablesJson, ANY_JOB_TYPE);
  }

  public CompletableFuture<Void> failJob(
      long jobKey, int retries, String message, long backoffMillis, String variablesJson,
      Predicate<String> mayHandle) {
    return submit(c -> {
      Job job = job(c, jobKey, "fail", mayHandle);
      if (job.state != JobState.ACTIVATED) {
        throw Rejection.invalidState(
            "Expected to fail job with key '" + jobKey + "', but it is in state '" + job.state
                + "' (only activated jobs can be failed)");
      }
      c.runtime().jobFailed(job, retries, message, backoffMillis, document(variablesJson));
      return null;
    });
  }

  public CompletableFuture<Void> throwError(long jobKey, String code, String message, String variablesJson) {
    return throwError(jobKey, code, message, variablesJson, ANY_JOB_TYPE);
  }

  public CompletableFuture<Void> throwError(
      long jobKey, String code, String message, String variablesJson, Predicate<String> mayHandle) {
    return submit(c -> {
      Job job = job(c, jobKey, "throw an error for", mayHandle);
      if (code == null || code.isBlank()) {
        throw Rejection.invalidArgument("Expected to throw an error with a non-empty error code");
      }
      if (job.state != JobState.ACTIVATED && !job.isActivatable()) {
        throw Rejection.invalidState(
            "Expected to throw an error for job with key '" + jobKey + "', but it is in state '" + job.state + "'");
      }
      if (job.isListener()) {
        throw Rejection.invalidState(
            "Expected to throw an error for job with key '" + jobKey
                + "', but it is an execution listener job, which cannot throw BPMN errors");
      }
      c.runtime().jobErrorThrown(job, code, message, document(variablesJson));
      return null;
    });
  }

  public CompletableFuture<Void> updateJobRetries(long jobKey, int retries) {
    return updateJobRetries(jobKey, retries, ANY_JOB_TYPE);
  }

  public CompletableFuture<Void> updateJobRetries(long jobKey, int retries, Predicate<String> mayHandle) {
    return submit(c -> {
      Job job = job(c, jobKey, "update retries of", mayHandle);
      if (retries < 1) {
        throw Rejection.invalidArgument(
            "Expected to update retries of job with key '" + jobKey + "' to a positive number, but got " + retries);
      }
      job.retries = retries;
      c.state().touch(job);
      if (job.isActivatable()) {
        typesWithNewJobs.add(job.type);
      }
      return null;
    });
  }

  public CompletableFuture<Void> updateJobTimeout(long jobKey, long timeoutMillis) {
    return updateJobTimeout(jobKey, timeoutMillis, ANY_JOB_TYPE);
  }

  public CompletableFuture<Void> updateJobTimeout(long jobKey, long timeoutMillis, Predicate<String> mayHandle) {
    return submit(c -> {
      Job job = job(c, jobKey, "update the timeout of", mayHandle);
      if (job.state != JobState.ACTIVATED) {
        throw Rejection.invalidState(
            "Expected to update the timeout of job with key '" + jobKey + "', but it is not activated");
      }
      job.deadline = c.now() + timeoutMillis;
      c.state().touch(job);
      return null;
    });
  }

  /** Sets variables on a scope (local, or merged upwards with propagation); returns a command key. */
  public CompletableFuture<Long> setVariables(long elementInstanceKey, String variablesJson, boolean local) {
    return submit(c -> {
      ElementInstance scope =
          c.state().elementInstance(elementInstanceKey)
              .orElseThrow(() -> Rejection.notFound(
                  "Expected to update variables for element with key '" + elementInstanceKey
                      + "', but no such element was found"));
      Map<String, Object> variables = document(variablesJson);
      if (local) {
        c.runtime().variables().setLocal(scope, variables);
      } else {
        c.runtime().variables().propagate(scope, variables);
      }
      return c.state().nextKey();
    });
  }

  public CompletableFuture<Void> resolveIncident(long incidentKey) {
    return submit(c -> {
      var incident =
          c.state().incident(incidentKey)
              .orElseThrow(() -> Rejection.notFound(
                  "Expected to resolve incident with key '" + incidentKey + "', but no such incident was found"));
      c.runtime().incidentResolved(incident);
      return null;
    });
  }

  public CompletableFuture<Void> cancelInstance(long processInstanceKey) {
    return submit(c -> {
      ElementInstance root =
          c.state().elementInstance(processInstanceKey)
              .filter(ElementInstance::isRoot)
              .orElseThrow(() -> Rejection.notFound(
                  "Expected to cancel a process instance with key '" + processInstanceKey
                      + "', but no such process was found"));
      if (root.runtime().parentElementInstanceKey >= 0) {
        throw Rejection.invalidState(
            "Expected to cancel a process instance with key '" + processInstanceKey
                + "', but it is created by a parent process instance. Cancel the root process instance '"
                + root.runtime().parentProcessInstanceKey + "' instead.");
      }
      c.runtime().terminate(root);
      return null;
    });
  }

  /** Evaluates a deployed decision by key, or the latest version of {@code decisionId}. */
  public CompletableFuture<DecisionResult> evaluateDecision(long decisionKey, String decisionId, String variablesJson) {
    return submit(c -> {
      io.flep.engine.state.DecisionDefinition decision;
      if (decisionKey > 0) {
        decision =
            c.state().decision(decisionKey)
                .orElseThrow(() -> Rejection.notFound(
                    "Expected to evaluate decision with key '" + decisionKey + "', but no such decision was found"));
      } else {
        decision =
            c.state().latestDecision(decisionId)
                .orElseThrow(() -> Rejection.notFound(
                    "Expected to evaluate decision '" + decisionId + "', but no decision found for id '"
                        + decisionId + "'"));
      }
      DecisionRequirements drg = c.state().decisionRequirements(decision.decisionRequirementsKey()).orElseThrow();
      Map<String, Object> variables = document(variablesJson);
      String output = null;
      String failure = null;
      try {
        output = Json.write(deployer.dmn().evaluate(drg.parsed(), decision.decisionId(), variables));
      } catch (Exception e) {
        failure = e.getMessage();
      }
      return new DecisionResult(
          decision.key(), decision.decisionId(), decision.name(), decision.version(), drg.drgId(), drg.key(),
          output, failure, c.state().nextKey());
    });
  }

  // ---------------------------------------------------------------- helpers for commands

  private ElementInstance startInstance(
      ProcessingContext c, long definitionKey, String bpmnProcessId, int version, String variablesJson)
      throws Rejection {
    ProcessDefinition definition;
    if (definitionKey > 0) {
      definition =
          c.state().processDefinition(definitionKey)
              .orElseThrow(() -> Rejection.notFound(
                  "Expected to find process definition with key '" + definitionKey + "', but none found"));
    } else if (version > 0) {
      definition =
          c.state().processVersion(bpmnProcessId, version)
              .orElseThrow(() -> Rejection.notFound(
                  "Expected to find process definition with process ID '" + bpmnProcessId + "' and version '"
                      + version + "', but none found"));
    } else {
      definition =
          c.state().latestProcess(bpmnProcessId)
              .orElseThrow(() -> Rejection.notFound(
                  "Expected to find process definition with process ID '" + bpmnProcessId + "', but none found"));
    }
    if (definition.executable().root().noneStartEvent() == null) {
      throw Rejection.invalidState(
          "Expected to create instance of process with none start event, but there is no such event");
    }
    return c.runtime().createProcessInstance(definition, document(variablesJson), -1, -1);
  }

  private static Job job(ProcessingContext c, long jobKey, String action, Predicate<String> mayHandle)
      throws Rejection {
    Job job =
        c.state().job(jobKey)
            .orElseThrow(() -> Rejection.notFound(
                "Expected to " + action + " job with key '" + jobKey + "', but no such job was found"));
    if (!mayHandle.test(job.type)) {
      throw new Rejection(
          Rejection.Type.FORBIDDEN,
          "Expected to " + action + " job with key '" + jobKey + "', but this client may not handle jobs of type '"
              + job.type + "'");
    }
    return job;
  }

  private static Map<String, Object> document(String json) throws Rejection {
    try {
      return Json.readDocument(json);
    } catch (IllegalArgumentException e) {
      throw Rejection.invalidArgument("Property 'variables' is invalid: " + e.getMessage());
    }
  }

  private List<ActivatedJobData> activate(ProcessingContext c, ParkedActivation request) {
    List<ActivatedJobData> activated = new ArrayList<>();
    for (Job job : c.state().activatableJobs(request.type, request.max)) {
      job.state = JobState.ACTIVATED;
      job.worker = request.worker;
      job.deadline = c.now() + request.timeoutMillis;
      job.retryAt = -1;
      c.state().touch(job);
      ElementInstance scope = c.state().requireElementInstance(job.elementInstanceKey);
      activated.add(
          new ActivatedJobData(
              job.key, job.type, job.processInstanceKey, job.bpmnProcessId, job.version,
              job.processDefinitionKey, job.elementId, job.elementInstanceKey, job.customHeaders, job.worker,
              job.retries, job.deadline, c.runtime().variables().document(scope, request.fetch), job.kind,
              job.listenerEventType));
    }
    return activated;
  }

  private <R> CompletableFuture<R> submit(Command<R> command) {
    CompletableFuture<R> result = new CompletableFuture<>();
    enqueue(new Work() {
      @Override
      void run(ProcessingContext c) throws Rejection {
        R value = command.execute(c);
        replies.add(() -> result.complete(value));
      }

      @Override
      void fail(Throwable error) {
        result.completeExceptionally(error);
      }
    });
    return result;
  }

  private void enqueue(Work work) {
    if (!running) {
      work.fail(new IllegalStateException("the engine is stopped"));
      return;
    }
    queue.add(work);
  }

  // ---------------------------------------------------------------- the loop

  private void loop() {
    List<Work> batch = new ArrayList<>();
    while (running) {
      try {
        Work first = queue.poll(millisUntilDue(), TimeUnit.MILLISECONDS);
        batch.clear();
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        processBatch(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException | Error e) {
        LOG.error("engine processor failed unexpectedly; reloading its state from the database", e);
        recover(batch, e);
      }
    }
    Throwable stopped = new IllegalStateException("the engine stopped");
    for (Work work : queue) {
      work.fail(stopped);
    }
    for (ParkedActivation p : parked) {
      p.result.complete(List.of());
    }
    for (Awaiting a : awaiting.values()) {
      a.result.completeExceptionally(stopped);
    }
  }

  private long millisUntilDue() {
    long next = Math.min(state.nextJobDue(), Math.min(state.nextTimerDue(), state.nextMessageExpiry()));
    for (ParkedActivation p : parked) {
      next = Math.min(next, p.expiresAt);
    }
    for (Awaiting a : awaiting.values()) {
      next = Math.min(next, a.expiresAt);
    }
    long wait = next - clock.getAsLong();
    return Math.max(1, Math.min(wait, 1000));
  }

  private void processBatch(List<Work> batch) {
    replies.clear();
    endedThisBatch.clear();
    List<Runnable> rejections = new ArrayList<>();
    long now = clock.getAsLong();
    ProcessingContext context = new ProcessingContext(state, runtime, deployer, now);
    for (Work work : batch) {
      try {
        work.run(context);
      } catch (Rejection rejection) {
        rejections.add(() -> work.fail(rejection));
      }
      runFollowUps();
    }
    for (io.flep.engine.state.Timer timer : state.dueTimers(now)) {
      runtime.timerDue(timer);
      runFollowUps();
    }
    for (io.flep.engine.state.Message expired : state.expiredMessages(now)) {
      expired.state = "EXPIRED";
      state.touch(expired);
    }
    for (Job due : state.dueJobs(now)) {
      if (due.state == JobState.ACTIVATED) {
        due.state = JobState.TIMED_OUT;
        due.deadline = -1;
        due.worker = "";
      } else if (due.state == JobState.FAILED) {
        due.retryAt = -1;
      }
      state.touch(due);
      typesWithNewJobs.add(due.type);
    }
    serveParked(context);
    answerEndedInstances();
    if (!state.changes().isEmpty()) {
      try {
        store.commit(state.changes());
        state.changes().clear();
      } catch (SQLException e) {
        LOG.error("engine could not write to its database; the batch is discarded", e);
        recover(batch, new IllegalStateException("the engine could not write to its database: " + e.getMessage(), e));
        return;
      }
    }
    replies.forEach(Runnable::run);
    rejections.forEach(Runnable::run);
    replies.clear();
  }

  private void runFollowUps() {
    List<Runnable> pending = runtime.drainFollowUps();
    while (!pending.isEmpty()) {
      pending.forEach(Runnable::run);
      pending = runtime.drainFollowUps();
    }
  }

  private void serveStreams(ProcessingContext context) {
    if (streams.isEmpty()) {
      return;
    }
    for (String type : List.copyOf(typesWithNewJobs)) {
      List<JobStream> open = streams.stream().filter(js -> js.type.equals(type)).toList();
      if (open.isEmpty()) {
        continue;
      }
      int next = 0;
      while (state.hasActivatableJobs(type)) {
        JobStream stream = open.get(next++ % open.size());
        List<ActivatedJobData> jobs = activate(context, stream.request);
        if (jobs.isEmpty()) {
          break;
        }
        ActivatedJobData job = jobs.get(0);
        replies.add(() -> {
          if (!stream.push.test(job)) {
            yieldJob(job.key());
          }
        });
      }
    }
  }

  /** A pushed job that could not be delivered is activatable again at once, not after its timeout. */
  private void yieldJob(long jobKey) {
    enqueue(new Work() {
      @Override
      void run(ProcessingContext c) {
        c.state().job(jobKey).filter(job -> job.state == JobState.ACTIVATED).ifPresent(job -> {
          job.state = JobState.TIMED_OUT;
          job.deadline = -1;
          job.worker = "";
          c.state().touch(job);
          typesWithNewJobs.add(job.type);
        });
      }

      @Override
      void fail(Throwable error) {
        // the job comes back after its timeout instead
      }
    });
  }

  /**
   * Opens a job stream: jobs of {@code type} are activated and pushed as they become activatable
   * ({@code push} answers false when the stream is gone; the job is then yielded back). Closing
   * the returned handle removes the stream.
   */
  public AutoCloseable openJobStream(
      String type, String worker, long timeoutMillis, List<String> fetch, Predicate<ActivatedJobData> push) {
    JobStream stream =
        new JobStream(type, new ParkedActivation(
            type, worker == null || worker.isBlank() ? "default" : worker, Math.max(1, timeoutMillis), 1, fetch,
            new CompletableFuture<>()), push);
    enqueue(new Work() {
      @Override
      void run(ProcessingContext c) {
        streams.add(stream);
        typesWithNewJobs.add(type);
      }

      @Override
      void fail(Throwable error) {
        // nothing registered
      }
    });
    return () -> enqueue(new Work() {
      @Override
      void run(ProcessingContext c) {
        streams.remove(stream);
      }

      @Override
      void fail(Throwable error) {
        // the processor stopped; nothing left to remove
      }
    });
  }

  private record JobStream(String type, ParkedActivation request, Predicate<ActivatedJobData> push) {}

  private void serveParked(ProcessingContext context) {
    serveStreams(context);
    long now = context.now();
    Iterator<ParkedActivation> it = parked.iterator();
    while (it.hasNext()) {
      ParkedActivation p = it.next();
      if (p.result.isDone()) {
        it.remove();
      } else if (typesWithNewJobs.contains(p.type) && state.hasActivatableJobs(p.type)) {
        List<ActivatedJobData> jobs = activate(context, p);
        if (!jobs.isEmpty()) {
          it.remove();
          replies.add(() -> p.result.complete(jobs));
        }
      } else if (p.expiresAt <= now) {
        it.remove();
        replies.add(() -> p.result.complete(List.of()));
      }
    }
    typesWithNewJobs.clear();
    Iterator<Awaiting> waiters = awaiting.values().iterator();
    while (waiters.hasNext()) {
      Awaiting a = waiters.next();
      if (a.expiresAt <= now) {
        waiters.remove();
        replies.add(() -> a.result.completeExceptionally(new AwaitTimeoutException(a.processInstanceKey)));
      }
    }
  }

  private void answerEndedInstances() {
    for (InstanceEnd end : endedThisBatch.values()) {
      Awaiting waiter = awaiting.remove(end.processInstanceKey);
      if (waiter != null) {
        replies.add(() -> waiter.answer(end));
      }
    }
  }

  /** Discards the in-memory working set and reloads it from the store; the batch's callers get an error. */
  private void recover(List<Work> batch, Throwable cause) {
    Throwable error =
        cause instanceof IllegalStateException ? cause : new IllegalStateException(
            "the engine failed to process the request: " + cause, cause);
    for (Work work : batch) {
      work.fail(error);
    }
    replies.clear();
    for (Awaiting a : awaiting.values()) {
      a.result.completeExceptionally(error);
    }
    awaiting.clear();
    for (ParkedActivation p : parked) {
      p.result.complete(List.of());
    }
    parked.clear();
    while (running) {
      try {
        load();
        return;
      } catch (SQLException | RuntimeException e) {
        LOG.error("engine cannot reload its state from the database; retrying in 1 s", e);
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void load() throws SQLException {
    EngineStore.StoredState stored = store.load();
    EngineState loaded = new EngineState(stored.nextKey);
    DmnSupport dmn = deployer.dmn();
    for (var drg : stored.decisionRequirements) {
      Object parsed;
      try {
        parsed = dmn.parse(drg.resourceName(), drg.resource()).parsed();
      } catch (DeploymentException e) {
        throw new SQLException("stored decision resource '" + drg.resourceName() + "' no longer parses", e);
      }
      loaded.addDecisionRequirements(
          new DecisionRequirements(drg.key(), drg.drgId(), drg.name(), drg.version(), drg.resourceName(),
              drg.resource(), drg.checksum(), drg.deploymentKey(), parsed), false);
    }
    stored.decisions.forEach(d -> loaded.addDecision(d, false));
    for (var p : stored.processes) {
      try {
        loaded.addProcessDefinition(
            new ProcessDefinition(p.key(), p.bpmnProcessId(), p.version(), p.resourceName(), p.resource(),
                p.checksum(), p.deploymentKey(), p.deployedAt(),
                deployer.reread(p.resourceName(), p.resource(), p.bpmnProcessId())),
            false);
      } catch (DeploymentException e) {
        throw new SQLException("stored process '" + p.bpmnProcessId() + "' no longer parses", e);
      }
    }
    stored.elementInstances.forEach(loaded::restoreElementInstance);
    stored.variables.forEach(loaded::restoreVariable);
    java.util.Set<Long> heldJobs = new HashSet<>();
    stored.incidents.forEach(i -> heldJobs.add(i.jobKey));
    stored.jobs.forEach(job -> {
      job.heldByIncident = heldJobs.contains(job.key);
      loaded.restoreJob(job);
    });
    stored.incidents.forEach(loaded::restoreIncident);
    stored.timers.forEach(loaded::restoreTimer);
    stored.subscriptions.forEach(loaded::restoreSubscription);
    stored.messages.forEach(loaded::restoreMessage);
    this.state = loaded;
    this.runtime = new BpmnRuntime(loaded, feel, this::evaluateDecision, new Events(), clock);
    for (Job job : loaded.jobs()) {
      if (job.isActivatable()) {
        typesWithNewJobs.add(job.type);
      }
    }
  }

  private Object evaluateDecision(
      DecisionRequirements drg, io.flep.engine.state.DecisionDefinition decision,
      Map<String, Object> variables) throws Exception {
    return deployer.dmn().evaluate(drg.parsed(), decision.decisionId(), variables);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }

  // ---------------------------------------------------------------- internals

  private final class Events implements RuntimeEvents {
    @Override
    public void processInstanceEnded(long processInstanceKey, boolean completed, Map<String, Object> variables) {
      endedThisBatch.put(processInstanceKey, new InstanceEnd(processInstanceKey, completed, variables));
    }

    @Override
    public void jobsAvailable(String type) {
      typesWithNewJobs.add(type);
    }
  }

  private abstract static class Work {
    abstract void run(ProcessingContext context) throws Rejection;

    abstract void fail(Throwable error);
  }

  private static final class ParkedActivation {
    final String type;
    final String worker;
    final long timeoutMillis;
    final int max;
    final List<String> fetch;
    final CompletableFuture<List<ActivatedJobData>> result;
    long expiresAt;

    ParkedActivation(
        String type, String worker, long timeoutMillis, int max, List<String> fetch,
        CompletableFuture<List<ActivatedJobData>> result) {
      this.type = type;
      this.worker = worker;
      this.timeoutMillis = timeoutMillis;
      this.max = max;
      this.fetch = fetch == null ? List.of() : fetch;
      this.result = result;
    }
  }

  private record InstanceEnd(long processInstanceKey, boolean completed, Map<String, Object> variables) {}

  private record Awaiting(
      CompletableFuture<InstanceCreated> result, long processDefinitionKey, String bpmnProcessId, int version,
      long processInstanceKey, List<String> fetch, long expiresAt) {
    void answer(InstanceEnd end) {
      if (!end.completed()) {
        result.completeExceptionally(
            Rejection.invalidState(
                "Expected to receive the result of process instance '" + processInstanceKey
                    + "', but it was terminated"));
        return;
      }
      Map<String, Object> variables = new java.util.LinkedHashMap<>(end.variables());
      if (fetch != null && !fetch.isEmpty()) {
        variables.keySet().retainAll(fetch);
      }
      result.complete(
          new InstanceCreated(processDefinitionKey, bpmnProcessId, version, processInstanceKey, Json.write(variables)));
    }
  }

  /** A create-with-result request whose instance did not complete within the request timeout. */
  public static final class AwaitTimeoutException extends RuntimeException {
    AwaitTimeoutException(long processInstanceKey) {
      super("Time out between gateway and broker: the process instance " + processInstanceKey
          + " did not complete within the request timeout", null, false, false);
    }
  }
}
