package io.flep.workers.engine.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flep.engine.FlepEngine;
import io.flep.workers.engine.StandaloneEngineDatabase;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One-service-task instances through the Camunda client against a fresh engine on a fresh embedded
 * PostgreSQL: instances are created with {@code withResult()}, {@code inFlight} at a time, and one
 * job worker completes every job. A warm-up (not counted) comes first.
 */
public final class EngineBenchmark {
  private static final int WARM_UP = 500;

  private final int instances;
  private final int inFlight;
  private final PrintStream progress;

  public EngineBenchmark(int instances, int inFlight, PrintStream progress) {
    if (instances < 1) {
      throw new IllegalArgumentException("--instances must be at least 1, not " + instances);
    }
    if (inFlight < 1 || inFlight > 256) {
      throw new IllegalArgumentException("--in-flight must be between 1 and 256, not " + inFlight);
    }
    this.instances = instances;
    this.inFlight = inFlight;
    this.progress = progress;
  }

  public EngineBenchResult run(Path dataDir) throws Exception {
    progress.println("engine bench: starting PostgreSQL and the engine in " + dataDir + " ...");
    try (StandaloneEngineDatabase database = StandaloneEngineDatabase.open(dataDir, Map.of());
        FlepEngine engine = FlepEngine.builder().dataSource(database.dataSource()).build().start();
        CamundaClient client =
            CamundaClient.newClientBuilder()
                .grpcAddress(engine.grpcAddress())
                .restAddress(engine.grpcAddress())
                .preferRestOverGrpc(false)
                .applyEnvironmentVariableOverrides(false)
                .defaultRequestTimeout(Duration.ofSeconds(60))
                .build();
        HeapSampler heap = new HeapSampler().start()) {
      client.newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("bench")
                  .startEvent().serviceTask("work", t -> t.zeebeJobType("bench-work")).endEvent().done(),
              "bench.bpmn")
          .send().join();
      try (JobWorker worker =
          client.newWorker().jobType("bench-work")
              .handler((jobs, job) -> jobs.newCompleteCommand(job).send().join())
              .maxJobsActive(Math.max(32, inFlight * 2))
              .pollInterval(Duration.ofMillis(10))
              .open()) {
        progress.println("engine bench: warm-up, " + WARM_UP + " instances (not counted) ...");
        drive(client, WARM_UP, new long[WARM_UP], null, null);
        heap.settled();
        heap.resetPeak();
        long[] latencies = new long[instances];
        Map<String, Double> heapAfter = new LinkedHashMap<>();
        long started = System.nanoTime();
        drive(client, instances, latencies, heap, heapAfter);
        double seconds = (System.nanoTime() - started) / 1e9;
        heapAfter.put(Integer.toString(instances), heap.settled());
        Arrays.sort(latencies);
        return new EngineBenchResult(
            instances, inFlight, WARM_UP, seconds, instances / seconds,
            percentile(latencies, 0.50), percentile(latencies, 0.95), heap.peakMb(), heapAfter,
            databaseSizeMb(database), machine());
      }
    }
  }

  private void drive(
      CamundaClient client, int count, long[] latencies, HeapSampler heap, Map<String, Double> heapAfter)
      throws Exception {
    Semaphore slots = new Semaphore(inFlight);
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long lastReport = System.nanoTime();
    for (int i = 0; i < count && failure.get() == null; i++) {
      slots.acquire();
      int index = i;
      long sent = System.nanoTime();
      CompletableFuture<?> result =
          client.newCreateInstanceCommand().bpmnProcessId("bench").latestVersion().withResult()
              .requestTimeout(Duration.ofSeconds(60)).send().toCompletableFuture();
      result.whenComplete((r, e) -> {
        latencies[index] = System.nanoTime() - sent;
        if (e != null) {
          failure.compareAndSet(null, e);
        }
        done.incrementAndGet();
        slots.release();
      });
      if (heap != null && i + 1 == 1000 && count > 1000) {
        slots.acquire(inFlight);
        heapAfter.put("1000", heap.settled());
        slots.release(inFlight);
      }
      if (System.nanoTime() - lastReport > 3_000_000_000L) {
        progress.printf("engine bench: %d / %d instances%n", done.get(), count);
        lastReport = System.nanoTime();
      }
    }
    slots.acquire(inFlight);
    if (failure.get() != null) {
      throw new IllegalStateException("an instance failed: " + failure.get().getMessage(), failure.get());
    }
  }

  private static double percentile(long[] sortedNanos, double p) {
    int index = (int) Math.ceil(p * sortedNanos.length) - 1;
    return sortedNanos[Math.max(0, index)] / 1e6;
  }

  private static double databaseSizeMb(StandaloneEngineDatabase database) throws Exception {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select pg_database_size(current_database())")) {
      r.next();
      return r.getLong(1) / 1048576.0;
    }
  }

  private static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("java", System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() / 1048576);
    return machine;
  }
}
