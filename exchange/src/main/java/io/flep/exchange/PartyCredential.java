package io.flep.exchange;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * A party's public identity: its id, its role, its Ed25519 signature key (X.509 encoding, RFC 8410) and its X25519
 * key-agreement key (32 raw bytes, RFC 7748) that secrets are sealed to.
 */
public record PartyCredential(String partyId, String role, byte[] signingKey, byte[] agreementKey) {

  public PartyCredential {
    ObjectHeader.checkName("party id", partyId);
    ObjectHeader.checkName("role", role);
    signingKey = signingKey.clone();
    agreementKey = agreementKey.clone();
    if (agreementKey.length != 32) {
      throw new IllegalArgumentException("an X25519 public key is 32 bytes, got " + agreementKey.length);
    }
    publicKey(signingKey); // fails early on a key that is not Ed25519
  }

  @Override
  public byte[] signingKey() {
    return signingKey.clone();
  }

  @Override
  public byte[] agreementKey() {
    return agreementKey.clone();
  }

  /** Whether {@code signature} is this party's Ed25519 signature over {@code message}. */
  public boolean verifies(byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey(signingKey));
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static PublicKey publicKey(byte[] encoded) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PartyCredential c && c.partyId.equals(partyId) && c.role.equals(role)
        && Arrays.equals(c.signingKey, signingKey) && Arrays.equals(c.agreementKey, agreementKey);
  }

  @Override
  public int hashCode() {
    return partyId.hashCode() * 31 + Arrays.hashCode(signingKey);
  }

  @Override
  public String toString() {
    return "PartyCredential[" + role + " " + partyId + "]";
  }
}
