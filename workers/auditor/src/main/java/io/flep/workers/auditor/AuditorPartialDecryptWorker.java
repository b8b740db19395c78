package io.flep.workers.auditor;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.aggregation.PartialDecryptions;
import io.flep.workers.config.AuditorRole;
import io.flep.workers.config.Parties;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.config.Roles;
import io.flep.workers.task.JobTypes;
import java.util.Map;

/** Threshold path: the auditor's partial decryption of the round's aggregate with its key share. */
@AuditorRole
public class AuditorPartialDecryptWorker {
  private final PartialDecryptions partials;
  private final PartyIdentities identities;

  public AuditorPartialDecryptWorker(PartialDecryptions partials, PartyIdentities identities) {
    this.partials = partials;
    this.identities = identities;
  }

  @JobWorker(type = JobTypes.AUDITOR_PARTIAL_DECRYPT, timeout = 30 * 60 * 1000L)
  public Map<String, Object> partiallyDecrypt(ActivatedJob job) {
    return partials.partiallyDecrypt(job, Roles.AUDITOR, identities.of(Parties.AUDITOR, Roles.AUDITOR));
  }
}
