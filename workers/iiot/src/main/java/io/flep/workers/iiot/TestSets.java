package io.flep.workers.iiot;

import io.flep.exchange.ExchangeRef;
import io.flep.exchange.VerifiedObject;
import io.flep.workers.dataset.LabeledBundle;
import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import io.flep.workers.store.ArtifactStore;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import io.flep.workers.task.RunFinishedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The held-out test set the IIoT services evaluate global models on: opened once from what the data owner sealed to
 * them, then kept in their own store (and in memory for the run).
 */
@Component
public class TestSets {
  static final String KIND = "test-set";

  private final ExchangeObjects exchange;
  private final ArtifactStore artifacts;
  private final Map<UUID, List<LabeledImage>> cached = new ConcurrentHashMap<>();

  public TestSets(ExchangeObjects exchange, ArtifactStore artifacts) {
    this.exchange = exchange;
    this.artifacts = artifacts;
  }

  public List<LabeledImage> images(UUID runId, ExchangeRef sealedTestSet, PartyIdentity me) {
    return cached.computeIfAbsent(runId, id -> load(id, sealedTestSet, me));
  }

  private List<LabeledImage> load(UUID runId, ExchangeRef sealedTestSet, PartyIdentity me) {
    byte[] bundle = artifacts.find(runId, KIND, me.partyId()).map(a -> artifacts.get(a).content()).orElse(null);
    if (bundle == null) {
      VerifiedObject sealed = exchange.fetchExpecting(sealedTestSet, "recipient", me.partyId(), Roles.DATA_OWNER);
      bundle = exchange.open(me, runId, ExchangeKinds.TEST_SET_PURPOSE, ExchangeKinds.TEST_SET_PURPOSE,
          sealed.content());
      artifacts.put(runId, new ArtifactStore.NewArtifact(KIND, me.partyId(), "application/vnd.flep.labeled-bundle",
          bundle, null));
    }
    try {
      return LabeledBundle.decode(bundle).images();
    } catch (IllegalArgumentException e) {
      throw new IntegrityViolationException("the test set sealed to '" + me.partyId() + "' is corrupt: "
          + e.getMessage(), e);
    } finally {
      Arrays.fill(bundle, (byte) 0);
    }
  }

  /** Forgets the run's cached images when it ends (they stay in the store). */
  @EventListener
  public void onRunFinished(RunFinishedEvent event) {
    cached.remove(event.runId());
  }
}
