package io.flep.workers.aggregation;

import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.store.KeyVault;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Each party's long-lived Ed25519 identity key (RFC 8032, JDK provider), kept in the key vault like every other
 * key: public part in clear, secret part wrapped under the party's key-encryption key and readable only by its owner. Analysts
 * sign their contributions with it; whoever decrypts verifies.
 */
@Component
public class IdentityKeys {
  static final String SCHEME = "ed25519";
  private static final String ALGORITHM = "Ed25519";

  private final KeyVault keys;

  public IdentityKeys(KeyVault keys) {
    this.keys = keys;
  }

  /** The party's identity key id, generating the key on first use. */
  public UUID ensure(String party) {
    Optional<UUID> existing = keys.identityKeyOf(party);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      byte[] secret = pair.getPrivate().getEncoded();
      try {
        return keys.store(null, KeyVault.Purpose.IDENTITY, party, new KeyMaterial(SCHEME, 1,
            pair.getPublic().getEncoded(), Optional.of(SecretBytes.copyFrom(secret, SecretAccess.get())))).id();
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    } catch (DuplicateKeyException e) {
      return keys.identityKeyOf(party).orElseThrow(() -> e); // another worker of this party won the race
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no Ed25519: " + e.getMessage(), e);
    }
  }

  /** Signs {@code message} with the party's identity key (made on first use). */
  public byte[] sign(String party, byte[] message) {
    KeyMaterial key = keys.loadSecret(ensure(party), party);
    byte[] secret = key.secretPart().orElseThrow().toByteArray(SecretAccess.get());
    try {
      PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(secret));
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(privateKey);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IntegrityViolationException("the identity key of '" + party + "' is unusable: " + e.getMessage(), e);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /**
   * Whether {@code signature} is the party's signature on {@code message}.
   *
   * @throws IntegrityViolationException if the party has no identity key or its stored public key is corrupt
   */
  public boolean verify(String party, byte[] message, byte[] signature) {
    UUID keyId = keys.identityKeyOf(party).orElseThrow(() -> new IntegrityViolationException(
        "'" + party + "' has no identity key, so its contribution cannot be authenticated"));
    try {
      PublicKey publicKey = KeyFactory.getInstance(ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(keys.loadPublic(keyId).publicPart()));
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(publicKey);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (SignatureException e) {
      return false; // malformed signature bytes
    } catch (GeneralSecurityException e) {
      throw new IntegrityViolationException("the identity key of '" + party + "' is unusable: " + e.getMessage(), e);
    }
  }
}
