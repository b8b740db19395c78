package io.flep.workers.dataowner;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.config.DataOwnerRole;
import io.flep.workers.config.Parties;
import io.flep.workers.store.KeyVault;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.List;
import java.util.Map;

/** Share keys: every analyst of the run is granted the data key; nobody else is. */
@DataOwnerRole
public class ShareDataKeyWorker {
  private final StageRunner runner;
  private final KeyVault keys;

  public ShareDataKeyWorker(StageRunner runner, KeyVault keys) {
    this.runner = runner;
    this.keys = keys;
  }

  @JobWorker(type = JobTypes.SHARE_DATA_KEY)
  public Map<String, Object> share(ActivatedJob job) {
    return runner.run(job, Stage.SHARE_KEYS, Parties.DATA_OWNER, () -> {
      JobVariables vars = new JobVariables(job);
      List<String> analysts = vars.strings("analysts");
      var keyId = vars.ref("dataKeyRef").id();
      analysts.forEach(analyst -> keys.grant(keyId, analyst, true));
      return TaskResult.of(Map.of(), Map.of("grantedTo", analysts));
    });
  }
}
