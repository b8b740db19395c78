package io.flep.workers.aggregation;

import io.flep.exchange.ExchangeRef;
import io.flep.exchange.VerifiedObject;
import io.flep.plugin.api.he.HomomorphicDecryption;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.he.ThresholdDecryption;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.failure.AggregationRefusedException;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.failure.KeyAccessDeniedException;
import io.flep.workers.failure.PolicyRefusedException;
import io.flep.workers.policy.RunPolicies;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import io.flep.workers.store.KeyVault;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The run's homomorphic scheme as the capability each party may have. The public key and its aggregation policy
 * come from the IIoT services' signed exchange object ({@link ExchangeKinds#HE_PUBLIC_KEY}); decryption needs the
 * secret key, which only the IIoT services hold in their own store and seal to a trusted cloud; threshold decryption
 * needs a share, sealed by the dealer to its holder. Public sides are kept per key for the life of the process, so
 * that what a scheme precomputes for encryption ({@link HomomorphicEncryption#prepareEncryptions}) while an analyst
 * trains is there when it encrypts.
 */
@Component
public class HomomorphicKeys {
  /** Attribute of the public key object: the issuer's id of the key pair in its own store. */
  public static final String KEY_ID = "keyId";
  /** Attribute of sealed objects: the address of the public key they belong to. */
  public static final String HE_KEY = "heKey";
  public static final String SECRET_KEY_PURPOSE = "he-secret-key";
  public static final String SHARE_PURPOSE = "he-key-share";
  private static final int CACHED_PUBLIC_KEYS = 16;

  private final ExchangeObjects exchange;
  private final KeyVault keys;
  private final PluginRegistry plugins;
  private final Map<String, Bound> publicSchemes = Collections.synchronizedMap(
      new LinkedHashMap<>(CACHED_PUBLIC_KEYS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bound> eldest) {
          return size() > CACHED_PUBLIC_KEYS;
        }
      });

  public HomomorphicKeys(ExchangeObjects exchange, KeyVault keys, PluginRegistry plugins) {
    this.exchange = exchange;
    this.keys = keys;
    this.plugins = plugins;
  }

  /**
   * The public side of a key, with the plugin id it came from, the policy it was issued under, and the id of the key
   * pair in its issuer's own store (null for a threshold key, whose pair nobody stores), and the address of the run
   * policy the issuer countersigned by issuing the key under it (null for a key issued without one).
   */
  public record Bound(ExchangeRef ref, String schemeId, HomomorphicEncryption encryption, KeyMaterial publicKey,
      AggregationPolicy policy, UUID issuerKeyId, String runPolicy) {

    /**
     * @throws PolicyRefusedException if the key was not issued under the run policy at {@code policyAddress}
     */
    public void requireIssuedUnder(String policyAddress) {
      if (!policyAddress.equals(runPolicy)) {
        throw new PolicyRefusedException("the homomorphic key " + ref + " was not issued under the run's policy "
            + policyAddress + " (it names " + runPolicy + "): the IIoT services did not countersign this policy");
      }
    }
  }

  /** Anyone may encrypt and add under the public key; the key object is verified as the IIoT services'. */
  public Bound withPublicKey(ExchangeRef heKeyRef) throws GeneralSecurityException {
    Bound cached = publicSchemes.get(heKeyRef.address());
    if (cached != null && cached.ref().equals(heKeyRef)) {
      return cached;
    }
    VerifiedObject object = exchange.fetch(heKeyRef, Roles.IIOT);
    KeyMaterial key;
    AggregationPolicy policy;
    try {
      key = KeyMaterial.deserialize(object.content());
      policy = AggregationPolicy.fromAttributes(object.header().attributes());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IntegrityViolationException("homomorphic public key " + heKeyRef + " is unusable: " + e.getMessage(),
          e);
    }
    if (key.hasSecret()) {
      throw new IntegrityViolationException("homomorphic key object " + heKeyRef + " carries a secret part");
    }
    Bound bound = new Bound(heKeyRef, key.schemeId(), plugins.homomorphicScheme(key.schemeId()).newEncryption(key),
        key, policy, issuerKeyId(heKeyRef, object.header().attributes().get(KEY_ID)),
        object.header().attributes().get(RunPolicies.POLICY_ATTRIBUTE));
    publicSchemes.put(heKeyRef.address(), bound);
    return bound;
  }

  /**
   * Decryption for the key's issuer (from its own store) or for a party the issuer sealed the secret key to.
   *
   * @param sealedSecret the sealed secret key for {@code me}, or null when {@code me} issued the key
   * @throws KeyAccessDeniedException if {@code me} neither issued the key nor received it
   */
  public HomomorphicDecryption decryption(ExchangeRef heKeyRef, PartyIdentity me, ExchangeRef sealedSecret)
      throws GeneralSecurityException {
    Bound bound = withPublicKey(heKeyRef);
    KeyMaterial key = sealedSecret == null
        ? issuerSecret(bound, me)
        : openSealed(heKeyRef, me, sealedSecret, SECRET_KEY_PURPOSE);
    if (!Arrays.equals(key.serializePublic(), bound.publicKey().serializePublic())) {
      throw new IntegrityViolationException("the secret key of " + heKeyRef + " does not belong to its public key");
    }
    return plugins.homomorphicScheme(key.schemeId()).newDecryption(key);
  }

  /** A share holder's threshold decryption with the share the dealer sealed to it. */
  public ThresholdDecryption share(ExchangeRef heKeyRef, PartyIdentity me, ExchangeRef sealedShare)
      throws GeneralSecurityException {
    withPublicKey(heKeyRef);
    KeyMaterial share = openSealed(heKeyRef, me, sealedShare, SHARE_PURPOSE);
    return plugins.homomorphicScheme(share.schemeId()).newThresholdDecryption(share);
  }

  /** Combines share holders' partial decryptions; needs only the public key. */
  public ThresholdDecryption combiner(ExchangeRef heKeyRef) throws GeneralSecurityException {
    Bound bound = withPublicKey(heKeyRef);
    return plugins.homomorphicScheme(bound.schemeId()).newThresholdDecryption(bound.publicKey());
  }

  /** The policy the key was issued under. */
  public AggregationPolicy policy(ExchangeRef heKeyRef) throws GeneralSecurityException {
    return withPublicKey(heKeyRef).policy();
  }

  private KeyMaterial openSealed(ExchangeRef heKeyRef, PartyIdentity me, ExchangeRef sealed, String purpose) {
    VerifiedObject object = exchange.fetchExpecting(sealed, HE_KEY, heKeyRef.address(), Roles.IIOT);
    if (!sealed.producer().equals(heKeyRef.producer())) {
      throw new IntegrityViolationException(purpose + " " + sealed + " was not sealed by the key's issuer "
          + heKeyRef.producer());
    }
    byte[] plain = exchange.open(me, heKeyRef.runId(), heKeyRef.address(), purpose, object.content());
    try {
      return KeyMaterial.deserialize(plain);
    } catch (GeneralSecurityException e) {
      throw new IntegrityViolationException("the " + purpose + " sealed to '" + me.partyId() + "' is corrupt: "
          + e.getMessage(), e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * The issuer's own key pair of a key it published, from its store.
   *
   * @throws KeyAccessDeniedException if {@code me} did not issue it
   */
  public KeyMaterial issuerSecret(Bound key, PartyIdentity me) {
    if (!key.ref().producer().equals(me.partyId())) {
      throw new KeyAccessDeniedException("homomorphic key " + key.ref() + " was not issued by '" + me.partyId() + "'");
    }
    if (key.issuerKeyId() == null) {
      throw new AggregationRefusedException("homomorphic key " + key.ref() + " names no key of its issuer's store"
          + " (a threshold key: nobody holds it whole)");
    }
    return keys.loadSecret(key.issuerKeyId(), me.partyId());
  }

  private static UUID issuerKeyId(ExchangeRef heKeyRef, String keyId) {
    try {
      return keyId == null ? null : UUID.fromString(keyId);
    } catch (IllegalArgumentException e) {
      throw new IntegrityViolationException("homomorphic key " + heKeyRef + " names a malformed key id: " + keyId);
    }
  }
}
