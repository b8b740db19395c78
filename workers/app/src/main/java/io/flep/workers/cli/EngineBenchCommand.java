package io.flep.workers.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flep.workers.engine.bench.EngineBenchResult;
import io.flep.workers.engine.bench.EngineBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flep engine bench}: throughput, latency, heap and database size of the engine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks FLEP's engine: one-service-task instances created with their result through the"
        + " Camunda client (IN-FLIGHT at a time) and completed by one job worker, on a fresh engine and embedded"
        + " PostgreSQL in a temporary directory. Reports instances/s, p50/p95 latency, peak heap, heap after"
        + " 1,000 and N instances, and the database size.")
public final class EngineBenchCommand implements Callable<Integer> {
  @Option(names = "--instances", paramLabel = "N", defaultValue = "5000",
      description = "Instances to run after the warm-up (default: ${DEFAULT-VALUE}).")
  int instances;

  @Option(names = "--in-flight", paramLabel = "K", defaultValue = "16",
      description = "Instances awaiting their result at any time, 1 to 256 (default: ${DEFAULT-VALUE}).")
  int inFlight;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
  Path json;

  @Override
  public Integer call() throws Exception {
    StandaloneLogging.apply();
    EngineBenchmark benchmark = new EngineBenchmark(instances, inFlight, System.err);
    Path dir = Files.createTempDirectory("flep-engine-bench");
    EngineBenchResult result;
    try {
      result = benchmark.run(dir);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.out.printf(
        "engine bench: %d instances (%d in flight, %d warm-up not counted) in %.1f s: %.0f instances/s,"
            + " latency p50 %.1f ms, p95 %.1f ms%n",
        result.instances(), result.inFlight(), result.warmUpInstances(), result.seconds(),
        result.instancesPerSecond(), result.p50LatencyMs(), result.p95LatencyMs());
    System.out.printf(
        "engine bench: peak heap %.0f MB, heap after GC %s, database %.1f MB (%s)%n",
        result.peakHeapMb(), heap(result), result.databaseSizeMb(), result.machine());
    if (json != null) {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
      System.out.println("engine bench: figures written to " + json);
    }
    return 0;
  }

  private static String heap(EngineBenchResult result) {
    StringBuilder text = new StringBuilder();
    result.heapAfterMb().forEach((after, mb) ->
        text.append(text.isEmpty() ? "" : ", ").append(String.format("%.1f MB after %s", mb, after)));
    return text.toString();
  }
}
