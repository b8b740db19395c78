package io.flep.workers.aggregation;

import io.flep.exchange.ExchangeRef;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicDecryption;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.he.CombinationRefusedException;
import io.flep.plugin.api.he.ThresholdDecryption;
import io.flep.workers.failure.AggregationRefusedException;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import io.flep.exchange.Sha256;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The secure-aggregation rules, enforced by whichever party decrypts (the IIoT services on the untrusted path, the
 * trusted cloud on the trusted path, every share holder on the threshold path). Before anything is decrypted:
 *
 * <ol>
 *   <li>every update must be an exchange object signed by its analyst for this run, this round and this key
 *       ({@link EncryptedUpdates}), so altered, forged and replayed updates are caught
 *       ({@link IntegrityViolationException});
 *   <li>each analyst must be one the key was issued for, and contribute once;
 *   <li>there must be at least the key policy's minimum of distinct contributors
 *       ({@link AggregationRefusedException});
 *   <li>the decryptor adds the verified updates itself; a cloud aggregate that differs from that sum is an
 *       integrity violation;
 *   <li>the round must not have been decrypted before with another aggregate ({@link DecryptionLedger}).
 * </ol>
 *
 * Only then is the sum decrypted, once — by the key holder, or, for a threshold key, by each share holder partially
 * and then combined. Individual updates are never decrypted.
 */
@Component
public class SecureAggregator {
  private final HomomorphicKeys heKeys;
  private final EncryptedUpdates updates;
  private final ExchangeObjects exchange;
  private final DecryptionLedger ledger;

  public SecureAggregator(HomomorphicKeys heKeys, EncryptedUpdates updates, ExchangeObjects exchange,
      DecryptionLedger ledger) {
    this.heKeys = heKeys;
    this.updates = updates;
    this.exchange = exchange;
    this.ledger = ledger;
  }

  /** A decrypted round: the sum of the updates and who contributed, in update order. */
  /**
   * @param excluded share holders whose partial decryptions were left out, by share index, with the reason (empty
   *     unless the round was combined from a threshold key's partial decryptions)
   */
  public record DecryptedSum(double[] sum, List<String> analysts, Map<Integer, String> excluded) {
    public DecryptedSum(double[] sum, List<String> analysts) {
      this(sum, analysts, Map.of());
    }

    public int contributors() {
      return analysts.size();
    }
  }

  /**
   * Verifies the round's updates, adds them, checks the cloud's aggregate if there is one, and decrypts the sum.
   *
   * @param cloudAggregate the untrusted cloud's sum of the same updates, or empty when the decryptor adds alone
   * @param me             the decrypting party
   * @param sealedSecret   the secret key sealed to {@code me}, or null when {@code me} issued the key
   */
  public DecryptedSum decryptRound(int round, ExchangeRef heKeyRef, List<ExchangeRef> updateRefs,
      Optional<ExchangeRef> cloudAggregate, PartyIdentity me, ExchangeRef sealedSecret)
      throws GeneralSecurityException {
    HomomorphicDecryption decryption = heKeys.decryption(heKeyRef, me, sealedSecret);
    VerifiedRound v = verify(round, heKeyRef, updateRefs, cloudAggregate);
    ledger.claim(heKeyRef.address(), round, Sha256.hex(v.sumBytes()), me.partyId(), v.contributions());
    return new DecryptedSum(decryption.decrypt(v.sum()), v.analysts());
  }

  /** A share holder's partial decryption of a verified round's sum, with who contributed. */
  public record PartialDecryption(byte[] bytes, List<String> analysts) {}

  /**
   * The same checks as {@link #decryptRound}, then {@code me}'s partial decryption of the sum with its share of the
   * threshold key. Every share holder claims the round in its ledger, so it partially decrypts one aggregate a round.
   */
  public PartialDecryption partialDecryptRound(int round, ExchangeRef heKeyRef, List<ExchangeRef> updateRefs,
      ExchangeRef cloudAggregate, PartyIdentity me, ExchangeRef sealedShare) throws GeneralSecurityException {
    ThresholdDecryption threshold = heKeys.share(heKeyRef, me, sealedShare);
    VerifiedRound v = verify(round, heKeyRef, updateRefs, Optional.of(cloudAggregate));
    ledger.claim(heKeyRef.address(), round, Sha256.hex(v.sumBytes()), me.partyId(), v.contributions());
    return new PartialDecryption(threshold.partialDecrypt(v.sum()), v.analysts());
  }

  /**
   * Verifies the round again and combines the share holders' partial decryptions of its sum; needs no secret. Each
   * partial is checked against its holder's verification key (its proof); wrong ones are left out and named, and any
   * {@code threshold} valid ones decrypt.
   *
   * @param partials          the partial decryptions by the share index of the holder that signed them (never the
   *                          index a partial claims for itself)
   * @param excludedAlready   holders already left out by the caller (unsigned, another holder's, of another round),
   *                          by share index, with the reason
   * @throws AggregationRefusedException if fewer than the threshold are valid: the round is refused, naming every
   *                                     holder left out
   */
  public DecryptedSum combineRound(int round, ExchangeRef heKeyRef, List<ExchangeRef> updateRefs,
      ExchangeRef cloudAggregate, Map<Integer, byte[]> partials, Map<Integer, String> excludedAlready)
      throws GeneralSecurityException {
    ThresholdDecryption threshold = heKeys.combiner(heKeyRef);
    VerifiedRound v = verify(round, heKeyRef, updateRefs, Optional.of(cloudAggregate));
    Map<Integer, String> excluded = new java.util.TreeMap<>(excludedAlready);
    try {
      ThresholdDecryption.Combination combined = threshold.combine(v.sum(), partials);
      excluded.putAll(combined.excluded());
      return new DecryptedSum(combined.sum(), v.analysts(), Map.copyOf(excluded));
    } catch (CombinationRefusedException e) {
      excluded.putAll(e.excluded());
      throw new AggregationRefusedException("round " + round + " is not decrypted: " + e.valid().size() + " valid"
          + " partial decryption(s), " + e.threshold() + " needed; left out: " + excluded, e);
    } catch (GeneralSecurityException e) {
      throw new IntegrityViolationException("the partial decryptions of round " + round + " do not combine: "
          + e.getMessage(), e);
    }
  }

  /** @param contributions each analyst and the SHA-256 of its update's ciphertext */
  private record VerifiedRound(HeCiphertext sum, byte[] sumBytes, List<String> analysts,
      Map<String, String> contributions) {}

  private VerifiedRound verify(int round, ExchangeRef heKeyRef, List<ExchangeRef> updateRefs,
      Optional<ExchangeRef> cloudAggregate) throws GeneralSecurityException {
    HomomorphicKeys.Bound key = heKeys.withPublicKey(heKeyRef);
    HomomorphicEncryption scheme = key.encryption();
    List<EncryptedUpdates.Contribution> contributions = updates.load(key, round, updateRefs);
    HeCiphertext sum = null;
    for (EncryptedUpdates.Contribution c : contributions) {
      sum = sum == null ? c.update() : scheme.add(sum, c.update());
    }
    List<String> analysts = contributions.stream().map(EncryptedUpdates.Contribution::analyst).toList();
    AggregationPolicy policy = key.policy();
    if (analysts.size() < policy.minContributors()) {
      throw new AggregationRefusedException("round " + round + " has " + analysts.size() + " verified contribution"
          + (analysts.size() == 1 ? "" : "s") + " but the key's policy requires at least " + policy.minContributors()
          + " distinct analysts before an aggregate is decrypted");
    }
    byte[] sumBytes = sum.toBytes();
    if (cloudAggregate.isPresent()) {
      byte[] cloud = exchange.fetch(cloudAggregate.get(), Roles.CLOUD).content();
      if (!Arrays.equals(cloud, sumBytes)) {
        throw new IntegrityViolationException("the cloud's aggregate " + cloudAggregate.get()
            + " is not the sum of the round's " + analysts.size() + " signed updates; it was altered or built from"
            + " other ciphertexts");
      }
    }
    Map<String, String> digests = new LinkedHashMap<>();
    contributions.forEach(c -> digests.put(c.analyst(), Sha256.hex(c.update().toBytes())));
    return new VerifiedRound(sum, sumBytes, analysts, digests);
  }
}
