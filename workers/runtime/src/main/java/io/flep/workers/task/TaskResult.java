package io.flep.workers.task;

import java.util.Map;

/**
 * What a task hands back: the (small) variables to complete the job with, and details for the stage record
 * (counts, plugin ids) that the run report shows.
 */
public record TaskResult(Map<String, Object> variables, Map<String, Object> details) {
  public static TaskResult of(Map<String, Object> variables, Map<String, Object> details) {
    return new TaskResult(variables, details);
  }
}
