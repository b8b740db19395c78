package io.flep.workers.iiot;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.aggregation.PartialDecryptions;
import io.flep.workers.config.IiotRole;
import io.flep.workers.config.Parties;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.config.Roles;
import io.flep.workers.task.JobTypes;
import java.util.Map;

/** Threshold path: the IIoT services' partial decryption of the round's aggregate with their key share. */
@IiotRole
public class IiotPartialDecryptWorker {
  private final PartialDecryptions partials;
  private final PartyIdentities identities;

  public IiotPartialDecryptWorker(PartialDecryptions partials, PartyIdentities identities) {
    this.partials = partials;
    this.identities = identities;
  }

  @JobWorker(type = JobTypes.IIOT_PARTIAL_DECRYPT, timeout = 30 * 60 * 1000L)
  public Map<String, Object> partiallyDecrypt(ActivatedJob job) {
    return partials.partiallyDecrypt(job, Roles.IIOT, identities.of(Parties.IIOT_SERVICES, Roles.IIOT));
  }
}
