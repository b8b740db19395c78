package io.flep.workers.analyst;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.config.AnalystRole;
import io.flep.workers.learning.LabeledImage;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Analyze, part 1: the analyst decrypts its shard into its own workspace. */
@AnalystRole
public class DecryptWorker {
  private final StageRunner runner;
  private final ShardDecryptor decryptor;
  private final AnalystWorkspace workspace;

  public DecryptWorker(StageRunner runner, ShardDecryptor decryptor, AnalystWorkspace workspace) {
    this.runner = runner;
    this.decryptor = decryptor;
    this.workspace = workspace;
  }

  @JobWorker(type = "flep.analyst.decrypt")
  public Map<String, Object> decrypt(ActivatedJob job) {
    JobVariables vars = new JobVariables(job);
    String analystId = vars.string("analystId");
    return runner.run(job, Stage.ANALYZE, analystId, () -> {
      UUID runId = vars.runId();
      List<LabeledImage> shard =
          decryptor.decrypt(runId, analystId, AnalystShards.shardOf(vars, analystId), vars.ref("dataKeyRef"));
      workspace.put(runId, analystId, shard);
      return TaskResult.of(Map.of(), Map.of("images", shard.size()));
    });
  }
}
