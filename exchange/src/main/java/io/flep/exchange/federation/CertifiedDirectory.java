package io.flep.exchange.federation;

import io.flep.exchange.ExchangeIntegrityException;
import io.flep.exchange.PartyCredential;
import io.flep.exchange.PartyDirectory;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who is who, by certificate: a party's credential counts only if its certificate was signed by the federation
 * root, is valid now, names the party as its CN, and is not on the root's signed revocation list. No trust on first
 * use: a credential an attacker registers under someone's id has no certificate the root signed.
 */
public final class CertifiedDirectory implements PartyDirectory {
  private final X509Certificate root;
  private final Function<String, Optional<X509Certificate>> certificates;
  private final Optional<X509CRL> revocations;
  private final Clock clock;

  /**
   * @param certificates the certificate a party presents, by party id (from the exchange, a startup kit, ...)
   * @param revocations  the root's revocation list, if there is one; it is verified against the root too
   */
  public CertifiedDirectory(X509Certificate root, Function<String, Optional<X509Certificate>> certificates,
      Optional<X509CRL> revocations, Clock clock) {
    this.root = root;
    this.certificates = certificates;
    this.revocations = revocations;
    this.clock = clock;
    revocations.ifPresent(crl -> {
      try {
        crl.verify(root.getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new ExchangeIntegrityException("the revocation list is not signed by the federation root: "
            + e.getMessage(), e);
      }
    });
  }

  @Override
  public Optional<PartyCredential> find(String partyId) {
    return certificates.apply(partyId).map(certificate -> verified(partyId, certificate));
  }

  /** The credential {@code certificate} certifies for {@code partyId}, checked against the root. */
  public PartyCredential verified(String partyId, X509Certificate certificate) {
    String who = "the certificate of '" + partyId + "' (" + PartyCertificates.describe(certificate) + ")";
    try {
      certificate.verify(root.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new ExchangeIntegrityException(who + " is not signed by the federation root: " + e.getMessage(), e);
    }
    try {
      certificate.checkValidity(Date.from(clock.instant()));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new ExchangeIntegrityException(who + " is not valid now (" + certificate.getNotBefore() + " to "
          + certificate.getNotAfter() + ")", e);
    }
    if (revocations.isPresent() && revocations.get().isRevoked(certificate)) {
      throw new ExchangeIntegrityException(who + " was revoked by the federation root");
    }
    PartyCredential credential;
    try {
      credential = PartyCertificates.credentialOf(certificate);
    } catch (IllegalArgumentException e) {
      throw new ExchangeIntegrityException(who + " is not a party certificate: " + e.getMessage(), e);
    }
    if (!credential.partyId().equals(partyId)) {
      throw new ExchangeIntegrityException(who + " certifies '" + credential.partyId() + "', not '" + partyId + "'");
    }
    return credential;
  }
}
