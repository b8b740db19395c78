package io.flep.workers.audit;

import java.security.PrivateKey;

/** Where the audit log gets a party's Ed25519 identity key to sign its entries with: the party's own vault. */
public interface AuditSigningKeys {
  /**
   * {@code party}'s identity signing key as its store holds it (reading it is itself an audited event).
   *
   * @throws IllegalStateException if the store holds no identity key of {@code party}
   */
  PrivateKey identityKeyOf(String party);
}
