package io.flep.workers.cloud;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.aggregation.PartialDecryptions;
import io.flep.workers.config.CloudRole;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.task.JobTypes;
import java.util.Map;

/** Threshold path: the AI cloud's partial decryption of the round's aggregate with its key share. */
@CloudRole
public class CloudPartialDecryptWorker {
  private final PartialDecryptions partials;
  private final FlepProperties properties;

  public CloudPartialDecryptWorker(PartialDecryptions partials, FlepProperties properties) {
    this.partials = partials;
    this.properties = properties;
  }

  @JobWorker(type = JobTypes.CLOUD_PARTIAL_DECRYPT, timeout = 30 * 60 * 1000L)
  public Map<String, Object> partiallyDecrypt(ActivatedJob job) {
    return partials.partiallyDecrypt(job, properties.cloud().id());
  }
}
