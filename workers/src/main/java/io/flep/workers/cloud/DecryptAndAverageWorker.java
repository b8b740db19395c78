package io.flep.workers.cloud;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicScheme;
import io.flep.workers.aggregation.EncryptedUpdates;
import io.flep.workers.aggregation.GlobalModels;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.config.CloudRole;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.store.Ref;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.List;
import java.util.Map;

/** Trusted path: the trusted cloud, granted the key, decrypts every update and averages them (FedAvg). */
@CloudRole
public class DecryptAndAverageWorker {
  private final StageRunner runner;
  private final HomomorphicKeys heKeys;
  private final EncryptedUpdates updates;
  private final GlobalModels globalModels;
  private final FlepProperties properties;

  public DecryptAndAverageWorker(StageRunner runner, HomomorphicKeys heKeys, EncryptedUpdates updates,
      GlobalModels globalModels, FlepProperties properties) {
    this.runner = runner;
    this.heKeys = heKeys;
    this.updates = updates;
    this.globalModels = globalModels;
    this.properties = properties;
  }

  @JobWorker(type = "flep.cloud.decrypt-and-average", timeout = 10 * 60 * 1000L)
  public Map<String, Object> average(ActivatedJob job) {
    String cloud = properties.cloud().id();
    return runner.run(job, Stage.AGGREGATE, cloud, () -> {
      JobVariables vars = new JobVariables(job);
      HomomorphicScheme scheme = heKeys.withSecretKey(vars.ref("heKeyRef"), cloud).scheme();
      List<HeCiphertext> ciphertexts = updates.load(scheme, vars.refs("updateRefs"));
      double[] sum = null;
      for (HeCiphertext ciphertext : ciphertexts) {
        double[] update = scheme.decrypt(ciphertext);
        if (sum == null) {
          sum = update;
        } else {
          for (int i = 0; i < sum.length; i++) {
            sum[i] += update[i];
          }
        }
      }
      Ref global = globalModels.storeAverage(vars.runId(), vars.round(), cloud, sum, ciphertexts.size());
      return TaskResult.of(
          Map.of("globalModelRef", global.toVariable(), "aggregatedBy", "trusted"),
          Map.of("path", "trusted", "contributors", ciphertexts.size()));
    });
  }
}
