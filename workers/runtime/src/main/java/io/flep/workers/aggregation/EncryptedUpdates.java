package io.flep.workers.aggregation;

import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.workers.failure.BadInputException;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.Ref;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Loads the analysts' encrypted updates of a round and parses them under the run's homomorphic key. */
@Component
public class EncryptedUpdates {
  private final ArtifactStore artifacts;

  public EncryptedUpdates(ArtifactStore artifacts) {
    this.artifacts = artifacts;
  }

  public List<HeCiphertext> load(HomomorphicEncryption scheme, List<Ref> updateRefs) {
    if (updateRefs.isEmpty()) {
      throw new BadInputException("no model updates to aggregate (process variable 'updateRefs' is empty)");
    }
    List<HeCiphertext> updates = new ArrayList<>(updateRefs.size());
    for (Ref ref : updateRefs) {
      try {
        updates.add(scheme.parse(artifacts.get(ref).content()));
      } catch (GeneralSecurityException e) {
        throw new IntegrityViolationException("encrypted update " + ref.id() + " is not valid under the run's key: "
            + e.getMessage(), e);
      }
    }
    return updates;
  }
}
