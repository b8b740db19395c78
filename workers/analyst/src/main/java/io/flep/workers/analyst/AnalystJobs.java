package io.flep.workers.analyst;

import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.failure.BadInputException;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;

/** Which analyst a job is for: the one its job type names, and its variables must name the same one. */
final class AnalystJobs {
  private AnalystJobs() {}

  /** The analyst the job type names (for the stage record), checked by {@link #analystOf} before any work. */
  static String named(ActivatedJob job) {
    String byType = JobTypes.analystOf(job.getType());
    return byType == null ? "unknown-analyst" : byType;
  }

  /**
   * The analyst of this job.
   *
   * @throws BadInputException if the job type names no analyst, or its variables name another one: a worker never
   *     acts for a party other than the one it was offered the job as
   */
  static String analystOf(ActivatedJob job) {
    String byType = JobTypes.analystOf(job.getType());
    String byVariable = new JobVariables(job).string("analystId");
    if (byType == null) {
      throw new BadInputException("job type " + job.getType() + " names no analyst; analyst tasks are"
          + " flep.analyst.<id>.<task>");
    }
    if (!byType.equals(byVariable)) {
      throw new BadInputException("a job of " + job.getType() + " names analyst '" + byVariable
          + "' in its variables: this worker acts only for '" + byType + "' and refuses it");
    }
    return byType;
  }
}
