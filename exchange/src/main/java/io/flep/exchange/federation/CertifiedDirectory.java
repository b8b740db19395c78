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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who is who, by certificate: a party's credential counts only if its certificate was signed by the federation
 * root, is valid now, names the party as its CN, and is not on the root's signed revocation list. No trust on first
 * use: a credential an attacker registers under someone's id has no certificate the root signed. Every lookup
 * checks again (validity and revocation change over time); of several valid certificates the newest counts.
 */
public final class CertifiedDirectory implements PartyDirectory {
  private final X509Certificate root;
  private final Function<String, List<X509Certificate>> certificates;
  private final Supplier<Optional<X509CRL>> revocations;
  private final Clock clock;

  /**
   * @param certificates the certificates presented for a party id, newest first (from the exchange, a startup kit)
   * @param revocations  the root's current revocation list, if there is one; it is verified against the root on use
   */
  public CertifiedDirectory(X509Certificate root, Function<String, List<X509Certificate>> certificates,
      Supplier<Optional<X509CRL>> revocations, Clock clock) {
    this.root = root;
    this.certificates = certificates;
    this.revocations = revocations;
    this.clock = clock;
  }

  /** A directory over the certificates and revocation lists published in the exchange. */
  public static CertifiedDirectory inExchange(X509Certificate root, FederationCertificates published, Clock clock) {
    return new CertifiedDirectory(root, published::certificatesOf, () -> published.latestRevocations(root), clock);
  }

  public X509Certificate root() {
    return root;
  }

  /**
   * @throws ExchangeIntegrityException if certificates are presented for the party but none is acceptable, naming
   *     why the newest is not
   */
  @Override
  public Optional<PartyCredential> find(String partyId) {
    List<X509Certificate> presented = certificates.apply(partyId);
    if (presented.isEmpty()) {
      return Optional.empty();
    }
    Optional<X509CRL> revoked = currentRevocations();
    ExchangeIntegrityException first = null;
    for (X509Certificate certificate : presented) {
      try {
        return Optional.of(verified(partyId, certificate, revoked));
      } catch (ExchangeIntegrityException e) {
        first = first != null ? first : e;
      }
    }
    throw first;
  }

  /** The credential {@code certificate} certifies for {@code partyId}, checked against the root now. */
  public PartyCredential verified(String partyId, X509Certificate certificate) {
    return verified(partyId, certificate, currentRevocations());
  }

  private Optional<X509CRL> currentRevocations() {
    Optional<X509CRL> list = revocations.get();
    list.ifPresent(crl -> {
      try {
        crl.verify(root.getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new ExchangeIntegrityException("the revocation list is not signed by the federation root: "
            + e.getMessage(), e);
      }
    });
    return list;
  }

  private PartyCredential verified(String partyId, X509Certificate certificate, Optional<X509CRL> revoked) {
    String who = "the certificate of '" + partyId + "' (" + PartyCertificates.describe(certificate) + ", serial "
        + certificate.getSerialNumber().toString(16) + ")";
    try {
      certificate.verify(root.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new ExchangeIntegrityException(who + " is not signed by the federation root: " + e.getMessage(), e);
    }
    try {
      certificate.checkValidity(Date.from(clock.instant()));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new ExchangeIntegrityException(who + " is not valid now (" + certificate.getNotBefore().toInstant()
          + " to " + certificate.getNotAfter().toInstant() + "); the federation admin renews it with"
          + " 'flep federation renew'", e);
    }
    if (revoked.isPresent() && revoked.get().isRevoked(certificate)) {
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
