package io.flep.workers.iiot;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.config.IiotRole;
import io.flep.workers.config.Parties;
import io.flep.workers.failure.KeyAccessDeniedException;
import io.flep.workers.store.KeyVault;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.Map;

/**
 * Trusted path: the IIoT services hand the homomorphic secret key to the cloud, but only to a cloud registered
 * as a trusted partner ({@code flep.cloud.trusted-partners}). Any other cloud is refused with
 * {@code FLEP_UNTRUSTED_PARTY}, which the model routes to encrypted aggregation.
 */
@IiotRole
public class GrantHeKeyWorker {
  private final StageRunner runner;
  private final KeyVault keys;
  private final FlepProperties properties;

  public GrantHeKeyWorker(StageRunner runner, KeyVault keys, FlepProperties properties) {
    this.runner = runner;
    this.keys = keys;
    this.properties = properties;
  }

  @JobWorker(type = JobTypes.GRANT_HE_KEY)
  public Map<String, Object> grant(ActivatedJob job) {
    return runner.run(job, Stage.AGGREGATE, Parties.IIOT_SERVICES, () -> {
      JobVariables vars = new JobVariables(job);
      String cloud = properties.cloud().id();
      if (!properties.cloud().trustedPartners().contains(cloud)) {
        throw new KeyAccessDeniedException("cloud '" + cloud + "' is not a registered trusted partner (trusted: "
            + properties.cloud().trustedPartners() + "); it gets no key and aggregates ciphertexts instead");
      }
      keys.grant(vars.ref("heKeyRef").id(), cloud, true);
      return TaskResult.of(Map.of(), Map.of("grantedTo", cloud));
    });
  }
}
