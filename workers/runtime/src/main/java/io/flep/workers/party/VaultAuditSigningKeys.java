package io.flep.workers.party;

import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.workers.audit.AuditSigningKeys;
import io.flep.workers.store.KeyVault;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The audit log's signing keys: each party's identity key from its vault, the one {@link PartyIdentities} made. */
@Component
class VaultAuditSigningKeys implements AuditSigningKeys {
  private final KeyVault vault;

  VaultAuditSigningKeys(KeyVault vault) {
    this.vault = vault;
  }

  @Override
  public PrivateKey identityKeyOf(String party) {
    UUID id = vault.partyKeyOf(party, KeyVault.Purpose.IDENTITY).orElseThrow(() -> new IllegalStateException(
        "party '" + party + "' has no identity key in this store, so its audit entries cannot be signed; a party's"
            + " identity is made when the process starts acting for it"));
    KeyMaterial key = vault.loadSecret(id, party);
    byte[] pkcs8 = key.secretPart().orElseThrow().toByteArray(SecretAccess.get());
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the identity key of party '" + party + "' is unusable for signing audit"
          + " entries: " + e.getMessage(), e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }
}
