package io.flep.workers.analyst;

import io.flep.workers.failure.BadInputException;
import io.flep.workers.task.JobVariables;

/** Which shard belongs to which analyst: the analyst's position in the run's {@code analysts} list. */
final class AnalystShards {
  private AnalystShards() {}

  static int shardOf(JobVariables vars, String analystId) {
    int shard = vars.strings("analysts").indexOf(analystId);
    if (shard < 0) {
      throw new BadInputException("analyst '" + analystId + "' is not one of the run's analysts");
    }
    return shard;
  }
}
