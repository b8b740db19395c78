package io.flep.exchange.federation;

import io.flep.exchange.ExchangeIntegrityException;
import io.flep.exchange.PartyCredential;
import io.flep.exchange.PartyDirectory;
import java.math.BigInteger;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is who, by certificate: a party's credential counts only if its certificate was signed by the federation
 * root, is valid now, names the party as its CN, and is not on the root's signed revocation list; and only while the
 * root certificate itself is valid. No trust on first use: a credential an attacker registers under someone's id has
 * no certificate the root signed. Every lookup checks again (validity and revocation change over time); of several
 * valid certificates the newest counts.
 *
 * <p>A revocation list past its next update still applies (each list holds every earlier revocation, so it is the
 * best knowledge there is), with a warning naming it: newer revocations may be withheld, and the admin should publish
 * a current list ({@code flep federation revoke --reissue}).
 */
public final class CertifiedDirectory implements PartyDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(CertifiedDirectory.class);
  private final X509Certificate root;
  private final Function<String, List<X509Certificate>> certificates;
  private final Supplier<Optional<X509CRL>> revocations;
  private final Clock clock;
  private volatile BigInteger warnedStale;

  /**
   * @param certificates the certificates presented for a party id, newest first (from the exchange, a startup kit)
   * @param revocations  the root's current revocation list, if there is one; it is verified against the root on use
   *     (and its next update checked: see the class comment)
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
      warnIfStale(crl);
    });
    return list;
  }

  private void warnIfStale(X509CRL crl) {
    Date now = Date.from(clock.instant());
    if (crl.getNextUpdate() == null || !now.after(crl.getNextUpdate())) {
      return;
    }
    BigInteger number = FederationRoot.numberOf(crl);
    if (number.equals(warnedStale)) {
      return;
    }
    warnedStale = number;
    LOG.warn("revocation list {} of the federation root (issued {}) was due to be replaced by {}: its revocations"
        + " still apply, but newer ones may be withheld from this party; the federation admin publishes a current"
        + " list with 'flep federation revoke --dir DIR --reissue'", number, crl.getThisUpdate().toInstant(),
        crl.getNextUpdate().toInstant());
  }

  /** Nothing counts through a root that is not valid now. */
  private void checkRoot(String partyId) {
    try {
      root.checkValidity(Date.from(clock.instant()));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new CertificateOutOfDateException("the federation root certificate (" + PartyCertificates.describe(root)
          + ") is not valid now (" + root.getNotBefore().toInstant() + " to " + root.getNotAfter().toInstant()
          + "), so no certificate counts through it and the signatures of '" + partyId + "' are refused; the"
          + " federation admin makes a new root ('flep federation init') and enrolls the parties again", e);
    }
  }

  private PartyCredential verified(String partyId, X509Certificate certificate, Optional<X509CRL> revoked) {
    checkRoot(partyId);
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
      throw new CertificateOutOfDateException(who + " is not valid now (" + certificate.getNotBefore().toInstant()
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
