package io.flep.workers.aggregation;

import io.flep.exchange.ExchangeRef;
import io.flep.exchange.VerifiedObject;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.workers.failure.BadInputException;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The analysts' encrypted updates as exchange objects. Publishing one is the analyst's signed statement "this is my
 * only update for this run, round and key": the exchange signature covers the run, the producer, the attributes
 * {@value #ROUND} and {@value HomomorphicKeys#HE_KEY} and the digest of the ciphertext. Loading a round's updates
 * checks all of that for every update, so altered, forged, replayed and duplicate contributions are refused.
 */
@Component
public class EncryptedUpdates {
  static final String ROUND = "round";

  private final ExchangeObjects exchange;

  public EncryptedUpdates(ExchangeObjects exchange) {
    this.exchange = exchange;
  }

  /** Publishes {@code analyst}'s update of {@code round} under the key. */
  public ExchangeRef publish(PartyIdentity analyst, HomomorphicKeys.Bound key, int round, HeCiphertext update) {
    return exchange.publish(analyst, key.ref().runId(), ExchangeKinds.ENCRYPTED_UPDATE,
        Map.of(ROUND, Integer.toString(round), HomomorphicKeys.HE_KEY, key.ref().address(), "scheme", key.schemeId()),
        update.toBytes());
  }

  /** A verified contribution: its analyst and its ciphertext. */
  public record Contribution(ExchangeRef ref, String analyst, HeCiphertext update) {}

  /**
   * The round's updates, each verified: from an analyst of the key's policy, signed by that analyst for this round
   * and key, one per analyst, one contribution each, all of the same length.
   */
  public List<Contribution> load(HomomorphicKeys.Bound key, int round, List<ExchangeRef> refs) {
    if (refs.isEmpty()) {
      throw new BadInputException("no model updates to aggregate (process variable 'updateRefs' is empty)");
    }
    List<Contribution> contributions = new ArrayList<>(refs.size());
    List<String> analysts = new ArrayList<>();
    for (ExchangeRef ref : refs) {
      if (!ref.kind().equals(ExchangeKinds.ENCRYPTED_UPDATE) || !ref.runId().equals(key.ref().runId())) {
        throw new IntegrityViolationException("'" + ref + "' is not an encrypted update of run " + key.ref().runId());
      }
      VerifiedObject object = exchange.fetch(ref, Roles.ANALYST);
      String analyst = object.header().producer();
      Map<String, String> attributes = object.header().attributes();
      if (!Integer.toString(round).equals(attributes.get(ROUND))
          || !key.ref().address().equals(attributes.get(HomomorphicKeys.HE_KEY))) {
        throw new IntegrityViolationException("encrypted update " + ref + " was signed by '" + analyst + "' for round "
            + attributes.get(ROUND) + " under key " + abbreviate(attributes.get(HomomorphicKeys.HE_KEY))
            + ", not for round " + round + " under key " + abbreviate(key.ref().address())
            + ": it is replayed from another round or run");
      }
      if (!key.policy().contributors().contains(analyst)) {
        throw new IntegrityViolationException("encrypted update " + ref + " comes from '" + analyst
            + "', who is not among the analysts this key was issued for " + key.policy().contributors());
      }
      if (analysts.contains(analyst)) {
        throw new IntegrityViolationException("analyst '" + analyst + "' contributes more than one update to round "
            + round + " (update " + ref + ")");
      }
      HeCiphertext update;
      try {
        update = key.encryption().parse(object.content());
      } catch (GeneralSecurityException e) {
        throw new IntegrityViolationException("encrypted update " + ref + " of '" + analyst
            + "' is not valid under the round's key: " + e.getMessage(), e);
      }
      if (update.contributors() != 1) {
        throw new IntegrityViolationException("encrypted update " + ref + " of '" + analyst + "' claims "
            + update.contributors() + " contributors; an analyst's update is exactly one");
      }
      if (!contributions.isEmpty() && update.length() != contributions.get(0).update().length()) {
        throw new IntegrityViolationException("encrypted update " + ref + " of '" + analyst + "' holds "
            + update.length() + " values, the round's other updates " + contributions.get(0).update().length());
      }
      analysts.add(analyst);
      contributions.add(new Contribution(ref, analyst, update));
    }
    return contributions;
  }

  private static String abbreviate(String address) {
    return address == null ? "(none)" : address.substring(0, Math.min(12, address.length()));
  }
}
