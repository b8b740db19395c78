package io.flep.workers.party;

import io.flep.exchange.PartyCredential;
import io.flep.exchange.Producer;
import io.flep.exchange.seal.AgreementKeyPair;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * A party's private identity: its Ed25519 signature key (everything it publishes is signed with it) and its X25519
 * key-agreement key (secrets are sealed to it). Both private keys live only in the party's own store, wrapped under
 * its key-encryption key; this object holds them while the party works.
 */
public final class PartyIdentity implements Producer {
  private final String partyId;
  private final String role;
  private final PrivateKey signingKey;
  private final AgreementKeyPair agreementKeys;
  private final PartyCredential credential;

  PartyIdentity(String partyId, String role, PrivateKey signingKey, byte[] signingPublicKey,
      AgreementKeyPair agreementKeys) {
    this.partyId = partyId;
    this.role = role;
    this.signingKey = signingKey;
    this.agreementKeys = agreementKeys;
    this.credential = new PartyCredential(partyId, role, signingPublicKey, agreementKeys.publicKey());
  }

  @Override
  public String partyId() {
    return partyId;
  }

  @Override
  public String role() {
    return role;
  }

  @Override
  public byte[] sign(byte[] message) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(signingKey);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed for party " + partyId + ": " + e.getMessage(), e);
    }
  }

  /** The key pair secrets sealed to this party open with. */
  public AgreementKeyPair agreementKeys() {
    return agreementKeys;
  }

  /** What other parties know of this one. */
  public PartyCredential credential() {
    return credential;
  }

  @Override
  public String toString() {
    return "PartyIdentity[" + role + " " + partyId + "]";
  }
}
