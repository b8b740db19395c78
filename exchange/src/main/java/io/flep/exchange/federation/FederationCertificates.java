package io.flep.exchange.federation;

import io.flep.exchange.ExchangeStorage;
import io.flep.exchange.ObjectHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a federation's public statements live in the exchange: each party's certificates under
 * {@code parties/<id>/<serial>.crt} and the root's revocation lists under {@code federation/revocations/<number>.crl}
 * (DER, written once). Nothing here is trusted for being here: {@link CertifiedDirectory} checks every certificate
 * against the root, and {@link #latestRevocations} keeps only lists the root signed.
 */
public final class FederationCertificates {
  private static final String PARTIES = "parties/";
  private static final String REVOCATIONS = "federation/revocations/";

  private final ExchangeStorage storage;

  public FederationCertificates(ExchangeStorage storage) {
    this.storage = storage;
  }

  /** Publishes a party certificate (again: harmless). */
  public void publish(X509Certificate certificate) {
    String partyId = PartyCertificates.credentialOf(certificate).partyId();
    try {
      storage.putIfAbsent(PARTIES + partyId + "/" + certificate.getSerialNumber().toString(16) + ".crt",
          certificate.getEncoded());
    } catch (IOException | CertificateException e) {
      throw new UncheckedIOException("could not publish the certificate of '" + partyId + "' to the exchange at "
          + storage.location() + ": " + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** Publishes a revocation list under its number. */
  public void publish(X509CRL revocations) {
    String number = String.format("%030d", FederationRoot.numberOf(revocations));
    try {
      storage.putIfAbsent(REVOCATIONS + number + ".crl", revocations.getEncoded());
    } catch (IOException | CRLException e) {
      throw new UncheckedIOException("could not publish revocation list " + number + " to the exchange at "
          + storage.location() + ": " + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
    }
  }

  /**
   * The certificates presented for {@code partyId}, newest first. Objects that are not certificates are left out:
   * anyone who can write to the exchange can put garbage there, and it must not hide a party's real certificate.
   */
  public List<X509Certificate> certificatesOf(String partyId) {
    ObjectHeader.checkName("party id", partyId);
    List<X509Certificate> found = new ArrayList<>();
    for (String key : list(PARTIES + partyId + "/")) {
      if (key.endsWith(".crt")) {
        read(key).flatMap(FederationCertificates::certificate).ifPresent(found::add);
      }
    }
    found.sort(Comparator.comparing(X509Certificate::getNotBefore).reversed());
    return found;
  }

  /** The highest-numbered revocation list that {@code root} signed, if any. */
  public Optional<X509CRL> latestRevocations(X509Certificate root) {
    List<String> keys = new ArrayList<>(list(REVOCATIONS));
    keys.sort(Comparator.reverseOrder());
    for (String key : keys) {
      Optional<X509CRL> list = read(key).flatMap(FederationCertificates::revocationList);
      if (list.isPresent() && signedBy(list.get(), root)) {
        return list;
      }
    }
    return Optional.empty();
  }

  private static boolean signedBy(X509CRL list, X509Certificate root) {
    try {
      list.verify(root.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private List<String> list(String prefix) {
    try {
      return storage.list(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + prefix + " in the exchange at " + storage.location()
          + ": " + e.getMessage(), e);
    }
  }

  private Optional<byte[]> read(String key) {
    try {
      return storage.get(key);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + key + " from the exchange at " + storage.location()
          + ": " + e.getMessage(), e);
    }
  }

  /** A DER certificate, or empty if the bytes are not one. */
  public static Optional<X509Certificate> certificate(byte[] der) {
    try {
      return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der)));
    } catch (CertificateException | ClassCastException e) {
      return Optional.empty();
    }
  }

  private static Optional<X509CRL> revocationList(byte[] der) {
    try {
      return Optional.of((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der)));
    } catch (CertificateException | CRLException | ClassCastException e) {
      return Optional.empty();
    }
  }

}
