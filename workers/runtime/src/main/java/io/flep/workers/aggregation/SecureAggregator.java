package io.flep.workers.aggregation;

import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicDecryption;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.he.ThresholdDecryption;
import io.flep.workers.failure.AggregationRefusedException;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.failure.KeyAccessDeniedException;
import io.flep.workers.store.Artifact;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.Ref;
import io.flep.workers.store.Sha256;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The secure-aggregation rules, enforced by whichever party decrypts (the IIoT services on the untrusted path, the
 * trusted cloud on the trusted path). Before anything is decrypted:
 *
 * <ol>
 *   <li>every update must carry its analyst's identity-key signature over this run, this round, this key and the
 *       update's digest, so altered, forged and replayed updates are caught ({@link IntegrityViolationException});
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
  private final ArtifactStore artifacts;
  private final Contributions contributions;
  private final AggregationPolicies policies;
  private final IdentityKeys identities;
  private final DecryptionLedger ledger;

  public SecureAggregator(HomomorphicKeys heKeys, ArtifactStore artifacts, Contributions contributions,
      AggregationPolicies policies, IdentityKeys identities, DecryptionLedger ledger) {
    this.heKeys = heKeys;
    this.artifacts = artifacts;
    this.contributions = contributions;
    this.policies = policies;
    this.identities = identities;
    this.ledger = ledger;
  }

  /** A decrypted round: the sum of the updates and who contributed, in update order. */
  public record DecryptedSum(double[] sum, List<String> analysts) {
    public int contributors() {
      return analysts.size();
    }
  }

  /**
   * Verifies the round's updates, adds them, checks the cloud's aggregate if there is one, and decrypts the sum.
   *
   * @param cloudAggregate the untrusted cloud's sum of the same updates, or empty when the decryptor adds alone
   * @param party          the decrypting party, which must hold the secret key or a grant of it
   */
  public DecryptedSum decryptRound(UUID runId, int round, Ref heKeyRef, List<Ref> updateRefs,
      Optional<Ref> cloudAggregate, String party) throws GeneralSecurityException {
    HomomorphicDecryption decryption = heKeys.decryption(heKeyRef, party);
    VerifiedRound v = verify(runId, round, heKeyRef, updateRefs, cloudAggregate);
    ledger.claim(heKeyRef.id(), round, Sha256.hex(v.sumBytes()), party, v.analysts().size());
    return new DecryptedSum(decryption.decrypt(v.sum()), v.analysts());
  }

  /** A share holder's partial decryption of a verified round's sum, with who contributed. */
  public record PartialDecryption(byte[] bytes, List<String> analysts) {}

  /**
   * The same checks as {@link #decryptRound}, then {@code party}'s partial decryption of the sum with its share of
   * the threshold key. Every share holder claims the round in the ledger, so all of them partially decrypt the same
   * aggregate and no other.
   *
   * @throws KeyAccessDeniedException if the party holds no share of the key
   */
  public PartialDecryption partialDecryptRound(UUID runId, int round, Ref heKeyRef, List<Ref> updateRefs,
      Ref cloudAggregate, String party) throws GeneralSecurityException {
    ThresholdDecryption threshold = heKeys.share(heKeyRef, party);
    VerifiedRound v = verify(runId, round, heKeyRef, updateRefs, Optional.of(cloudAggregate));
    ledger.claim(heKeyRef.id(), round, Sha256.hex(v.sumBytes()), party, v.analysts().size());
    return new PartialDecryption(threshold.partialDecrypt(v.sum()), v.analysts());
  }

  /**
   * Verifies the round again and combines the share holders' partial decryptions of its sum; needs no secret.
   *
   * @throws IntegrityViolationException if the partial decryptions do not combine (too few, of another
   *                                     ciphertext, or a share holder's is wrong)
   */
  public DecryptedSum combineRound(UUID runId, int round, Ref heKeyRef, List<Ref> updateRefs, Ref cloudAggregate,
      List<byte[]> partials) throws GeneralSecurityException {
    ThresholdDecryption threshold = heKeys.combiner(heKeyRef);
    VerifiedRound v = verify(runId, round, heKeyRef, updateRefs, Optional.of(cloudAggregate));
    try {
      return new DecryptedSum(threshold.combine(v.sum(), partials), v.analysts());
    } catch (GeneralSecurityException e) {
      throw new IntegrityViolationException("the partial decryptions of round " + round + " do not combine: "
          + e.getMessage(), e);
    }
  }

  private record VerifiedRound(HeCiphertext sum, byte[] sumBytes, List<String> analysts) {}

  private VerifiedRound verify(UUID runId, int round, Ref heKeyRef, List<Ref> updateRefs,
      Optional<Ref> cloudAggregate) throws GeneralSecurityException {
    HomomorphicEncryption scheme = heKeys.withPublicKey(heKeyRef).encryption();
    AggregationPolicy policy = policies.load(heKeyRef.id()).orElseThrow(() -> new AggregationRefusedException(
        "homomorphic key " + heKeyRef.id() + " has no aggregation policy, so nothing encrypted under it is decrypted"));
    List<String> analysts = new ArrayList<>();
    HeCiphertext sum = null;
    for (Ref ref : updateRefs) {
      HeCiphertext update = verified(runId, round, heKeyRef.id(), ref, scheme, policy, analysts);
      if (sum != null && update.length() != sum.length()) {
        throw new IntegrityViolationException("encrypted update " + ref.id() + " of '" + analysts.getLast()
            + "' holds " + update.length() + " values, the round's other updates " + sum.length());
      }
      sum = sum == null ? update : scheme.add(sum, update);
    }
    if (analysts.size() < policy.minContributors()) {
      throw new AggregationRefusedException("round " + round + " has " + analysts.size() + " verified contribution"
          + (analysts.size() == 1 ? "" : "s") + " but the key's policy requires at least " + policy.minContributors()
          + " distinct analysts before an aggregate is decrypted");
    }
    byte[] sumBytes = sum.toBytes();
    if (cloudAggregate.isPresent()) {
      byte[] cloud = artifacts.get(cloudAggregate.get()).content();
      if (!Arrays.equals(cloud, sumBytes)) {
        throw new IntegrityViolationException("the cloud's aggregate " + cloudAggregate.get().id()
            + " is not the sum of the round's " + analysts.size() + " signed updates; it was altered or built from"
            + " other ciphertexts");
      }
    }
    return new VerifiedRound(sum, sumBytes, List.copyOf(analysts));
  }

  private HeCiphertext verified(UUID runId, int round, UUID heKeyId, Ref ref, HomomorphicEncryption scheme,
      AggregationPolicy policy, List<String> analysts) {
    Artifact artifact = artifacts.get(ref);
    Contributions.Contribution c = contributions.find(ref.id()).orElseThrow(() -> new IntegrityViolationException(
        "encrypted update " + ref.id() + " carries no analyst signature"));
    if (!policy.contributors().contains(c.analyst())) {
      throw new IntegrityViolationException("encrypted update " + ref.id() + " claims analyst '" + c.analyst()
          + "', who is not among the analysts this key was issued for " + policy.contributors());
    }
    byte[] statement = new ContributionStatement(runId, round, c.analyst(), heKeyId, Sha256.hex(artifact.content()))
        .toBytes();
    if (!identities.verify(c.analyst(), statement, c.signature())) {
      throw new IntegrityViolationException("the signature of '" + c.analyst() + "' on encrypted update " + ref.id()
          + " does not verify for run " + runId + ", round " + round + ": the update was altered, forged, or"
          + " replayed from another round");
    }
    if (analysts.contains(c.analyst())) {
      throw new IntegrityViolationException("analyst '" + c.analyst() + "' contributes more than one update to round "
          + round + " (update " + ref.id() + ")");
    }
    HeCiphertext update;
    try {
      update = scheme.parse(artifact.content());
    } catch (GeneralSecurityException e) {
      throw new IntegrityViolationException("encrypted update " + ref.id() + " of '" + c.analyst()
          + "' is not valid under the round's key: " + e.getMessage(), e);
    }
    if (update.contributors() != 1) {
      throw new IntegrityViolationException("encrypted update " + ref.id() + " of '" + c.analyst() + "' claims "
          + update.contributors() + " contributors; an analyst's update is exactly one");
    }
    analysts.add(c.analyst());
    return update;
  }
}
