package io.flep.workers.engine.bench;

import java.util.Map;

/** What {@code flep engine bench} measured. */
public record EngineBenchResult(
    int instances,
    int inFlight,
    int warmUpInstances,
    double seconds,
    double instancesPerSecond,
    double p50LatencyMs,
    double p95LatencyMs,
    double peakHeapMb,
    Map<String, Double> heapAfterMb,
    double databaseSizeMb,
    Map<String, Object> machine) {}
