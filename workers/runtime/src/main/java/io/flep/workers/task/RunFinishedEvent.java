package io.flep.workers.task;

import java.util.UUID;

/** Published in-process when a run ends, so components can drop what they held for it. */
public record RunFinishedEvent(UUID runId, String status) {}
