package io.flep.workers.party;

import io.flep.exchange.seal.AgreementKeyPair;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.failure.KeyAccessDeniedException;
import io.flep.workers.store.KeyVault;
import io.flep.workers.trust.FederationTrust;
import io.flep.workers.trust.StartupKit;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The identities of the parties this process acts for, kept in the party's store with the secrets wrapped under its
 * key-encryption key: a party of a federation imports the keys of its startup kit on first start; a process running
 * every role makes them on first use (Ed25519 with the JDK, X25519 with Bouncy Castle). Each identity's certificate
 * is published in the exchange ({@link FederationTrust#announce}) so that other parties can verify what it signs and
 * seal secrets to it.
 */
@Component
public class PartyIdentities {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PartyIdentities.class);
  static final String SIGNING_SCHEME = "ed25519";
  static final String AGREEMENT_SCHEME = "x25519";

  private final KeyVault keys;
  private final FederationTrust trust;
  private final FlepProperties properties;
  private final Map<String, PartyIdentity> loaded = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  public PartyIdentities(KeyVault keys, FederationTrust trust, FlepProperties properties) {
    this.keys = keys;
    this.trust = trust;
    this.properties = properties;
  }

  /** Who is who, by the federation's certificates. */
  public io.flep.exchange.PartyDirectory directory() {
    return trust.directory();
  }

  /**
   * The identity of {@code partyId} in {@code role}, created and registered on first use.
   *
   * @throws KeyAccessDeniedException if this process is one party ({@code flep.party.*}) and {@code partyId} is
   *     another: a party never acts, signs or opens anything as someone else
   */
  public PartyIdentity of(String partyId, String role) {
    FlepProperties.Party self = properties.party();
    if (self.single() && (!partyId.equals(self.id()) || !role.equals(self.role()))) {
      throw new KeyAccessDeniedException("this process is " + self.role() + " '" + self.id() + "'; it does not act"
          + " as " + role + " '" + partyId + "'");
    }
    PartyIdentity identity = loaded.computeIfAbsent(partyId, id -> load(id, role));
    if (!identity.role().equals(role)) {
      throw new IllegalArgumentException("party '" + partyId + "' is " + identity.role() + ", not " + role);
    }
    return identity;
  }

  private PartyIdentity load(String partyId, String role) {
    Optional<StartupKit> kit = trust.kit().filter(k -> k.partyId().equals(partyId));
    Optional<StartupKit.IdentityKeys> issued = kit.flatMap(StartupKit::identityKeys);
    KeyMaterial signing;
    KeyMaterial agreement;
    boolean importing = issued.isPresent() && keys.partyKeyOf(partyId, KeyVault.Purpose.IDENTITY).isEmpty();
    try {
      signing = ensure(partyId, KeyVault.Purpose.IDENTITY, () -> issued.map(k -> imported(SIGNING_SCHEME,
          kit.get().credential().signingKey(), k.signingKey())).orElseGet(PartyIdentities::newSigningKey));
      agreement = ensure(partyId, KeyVault.Purpose.AGREEMENT, () -> issued.map(k -> imported(AGREEMENT_SCHEME,
          kit.get().credential().agreementKey(), k.agreementKey())).orElseGet(this::newAgreementKey));
    } finally {
      issued.ifPresent(StartupKit.IdentityKeys::wipe);
    }
    byte[] signingSecret = signing.secretPart().orElseThrow().toByteArray(SecretAccess.get());
    byte[] agreementSecret = agreement.secretPart().orElseThrow().toByteArray(SecretAccess.get());
    try {
      PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(signingSecret));
      PartyIdentity identity = new PartyIdentity(partyId, role, privateKey, signing.publicPart(),
          AgreementKeyPair.fromPrivateKey(agreementSecret));
      trust.announce(identity.credential());
      if (importing) {
        LOG.warn("party '{}': its identity keys are in its store now, wrapped under its key-encryption key; the startup"
            + " kit still holds them unencrypted in {}: delete that file (or keep the kit offline)", partyId,
            kit.get().dir().resolve("identity.key"));
      }
      return identity;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the identity key of party '" + partyId + "' is unusable: " + e.getMessage(), e);
    } finally {
      Arrays.fill(signingSecret, (byte) 0);
      Arrays.fill(agreementSecret, (byte) 0);
    }
  }

  private KeyMaterial ensure(String partyId, KeyVault.Purpose purpose, java.util.function.Supplier<KeyMaterial> make) {
    Optional<java.util.UUID> existing = keys.partyKeyOf(partyId, purpose);
    if (existing.isEmpty()) {
      try {
        keys.store(null, purpose, partyId, make.get());
      } catch (DuplicateKeyException e) {
        // another worker of this party made it first: use that one
      }
      existing = keys.partyKeyOf(partyId, purpose);
    }
    return keys.loadSecret(existing.orElseThrow(), partyId);
  }

  private static KeyMaterial imported(String scheme, byte[] publicKey, byte[] secret) {
    return new KeyMaterial(scheme, 1, publicKey, Optional.of(SecretBytes.copyFrom(secret, SecretAccess.get())));
  }

  private static KeyMaterial newSigningKey() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] secret = pair.getPrivate().getEncoded();
      try {
        return new KeyMaterial(SIGNING_SCHEME, 1, pair.getPublic().getEncoded(),
            Optional.of(SecretBytes.copyFrom(secret, SecretAccess.get())));
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no Ed25519: " + e.getMessage(), e);
    }
  }

  private KeyMaterial newAgreementKey() {
    AgreementKeyPair pair = AgreementKeyPair.generate(random);
    byte[] secret = pair.exportPrivateKey();
    try {
      return new KeyMaterial(AGREEMENT_SCHEME, 1, pair.publicKey(),
          Optional.of(SecretBytes.copyFrom(secret, SecretAccess.get())));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }
}
