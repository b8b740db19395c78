package io.flep.workers.cloud;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicScheme;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.loader.PluginRegistry;
import io.flep.workers.aggregation.EncryptedUpdates;
import io.flep.workers.aggregation.GlobalModels;
import io.flep.workers.config.CloudRole;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.store.KeyVault;
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
  private final PluginRegistry plugins;
  private final KeyVault keys;
  private final EncryptedUpdates updates;
  private final GlobalModels globalModels;
  private final FlepProperties properties;

  public DecryptAndAverageWorker(StageRunner runner, PluginRegistry plugins, KeyVault keys, EncryptedUpdates updates,
      GlobalModels globalModels, FlepProperties properties) {
    this.runner = runner;
    this.plugins = plugins;
    this.keys = keys;
    this.updates = updates;
    this.globalModels = globalModels;
    this.properties = properties;
  }

  @JobWorker(type = "flep.cloud.decrypt-and-average", timeout = 10 * 60 * 1000L)
  public Map<String, Object> average(ActivatedJob job) {
    String cloud = properties.cloud().id();
    return runner.run(job, Stage.AGGREGATE, cloud, () -> {
      JobVariables vars = new JobVariables(job);
      KeyMaterial key = keys.loadSecret(vars.ref("heKeyRef").id(), cloud);
      HomomorphicScheme scheme = plugins.homomorphicScheme(key.schemeId()).newScheme(key);
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
