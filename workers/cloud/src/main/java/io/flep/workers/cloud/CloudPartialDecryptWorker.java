package io.flep.workers.cloud;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.aggregation.PartialDecryptions;
import io.flep.workers.config.CloudRole;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.config.Roles;
import io.flep.workers.task.JobTypes;
import java.util.Map;

/** Threshold path: the cloud's partial decryption with the share sealed to it. */
@CloudRole
public class CloudPartialDecryptWorker {
  private final PartialDecryptions partials;
  private final PartyIdentities identities;
  private final FlepProperties properties;

  public CloudPartialDecryptWorker(PartialDecryptions partials, PartyIdentities identities, FlepProperties properties) {
    this.partials = partials;
    this.identities = identities;
    this.properties = properties;
  }

  @JobWorker(type = JobTypes.CLOUD_PARTIAL_DECRYPT, timeout = 30 * 60 * 1000L)
  public Map<String, Object> partiallyDecrypt(ActivatedJob job) {
    return partials.partiallyDecrypt(job, Roles.CLOUD, identities.of(properties.cloud().id(), Roles.CLOUD));
  }
}
