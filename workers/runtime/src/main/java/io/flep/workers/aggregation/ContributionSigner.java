package io.flep.workers.aggregation;

import io.flep.workers.store.Ref;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The analyst's side of secure aggregation: signs its encrypted update for this run, round and key. */
@Component
public class ContributionSigner {
  private final IdentityKeys identities;
  private final Contributions contributions;

  public ContributionSigner(IdentityKeys identities, Contributions contributions) {
    this.identities = identities;
    this.contributions = contributions;
  }

  /** Signs the stored update {@code updateRef} (whose digest the ref carries) and records the signature. */
  public void sign(UUID runId, int round, String analyst, UUID heKeyId, Ref updateRef) {
    byte[] statement = new ContributionStatement(runId, round, analyst, heKeyId, updateRef.sha256()).toBytes();
    contributions.record(new Contributions.Contribution(updateRef.id(), heKeyId, round, analyst,
        identities.sign(analyst, statement)));
  }
}
