package io.flep.exchange.federation;

import io.flep.exchange.ExchangeIntegrityException;
import io.flep.exchange.ExchangeStorage;
import io.flep.exchange.ObjectHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a federation's public statements live in the exchange: each party's certificates under
 * {@code parties/<id>/<serial>.crt} and the root's revocation lists under
 * {@code federation/revocations/<number>.crl} (DER, the number zero-padded to 30 digits, written once). Nothing here
 * is trusted for being here: {@link CertifiedDirectory} checks every certificate against the root, and
 * {@link #latestRevocations} reads every stored list and takes the highest-numbered one the root signed, stored under
 * its own number.
 */
public final class FederationCertificates {
  private static final Logger LOG = LoggerFactory.getLogger(FederationCertificates.class);
  private static final String PARTIES = "parties/";
  /** Where the root's revocation lists are kept, each under {@link #revocationKey}. */
  public static final String REVOCATIONS = "federation/revocations/";

  private final ExchangeStorage storage;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  public FederationCertificates(ExchangeStorage storage) {
    this.storage = storage;
  }

  /** The key a revocation list numbered {@code number} is stored under. */
  public static String revocationKey(BigInteger number) {
    return REVOCATIONS + String.format("%030d", number) + ".crl";
  }

  /**
   * Publishes a party certificate under {@code parties/<id>/<serial>.crt}; publishing the same certificate again is
   * harmless.
   *
   * @throws ExchangeIntegrityException naming the key if the exchange already holds other bytes under it
   */
  public void publish(X509Certificate certificate) {
    String partyId = PartyCertificates.credentialOf(certificate).partyId();
    String key = PARTIES + partyId + "/" + certificate.getSerialNumber().toString(16) + ".crt";
    try {
      putOnce(key, certificate.getEncoded(), "the certificate of '" + partyId + "'");
    } catch (IOException | CertificateException e) {
      throw new UncheckedIOException("could not publish the certificate of '" + partyId + "' to the exchange at "
          + storage.location() + ": " + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
    }
  }

  /**
   * Publishes a revocation list under {@link #revocationKey its number}; publishing the same list again is harmless.
   *
   * @throws ExchangeIntegrityException naming the key if the exchange already holds other bytes under it (someone
   *     wrote there first: the list is not published, and parties do not see it)
   */
  public void publish(X509CRL revocations) {
    BigInteger number = FederationRoot.numberOf(revocations);
    try {
      putOnce(revocationKey(number), revocations.getEncoded(), "revocation list " + number);
    } catch (IOException | CRLException e) {
      throw new UncheckedIOException("could not publish revocation list " + number + " to the exchange at "
          + storage.location() + ": " + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** Stores {@code bytes} under {@code key} unless exactly these bytes are there already. */
  private void putOnce(String key, byte[] bytes, String what) throws IOException {
    for (int attempt = 0; attempt < 2; attempt++) { // the second only if the object vanished in between
      if (storage.putIfAbsent(key, bytes)) {
        return;
      }
      Optional<byte[]> there = storage.get(key);
      if (there.isPresent()) {
        if (Arrays.equals(there.get(), bytes)) {
          return;
        }
        throw new ExchangeIntegrityException(what + " was not published: the exchange at " + storage.location()
            + " already holds other bytes under " + key + " (" + there.get().length + " bytes; someone wrote there"
            + " first)");
      }
    }
    throw new ExchangeIntegrityException(what + " was not published: the exchange at " + storage.location()
        + " reports an object under " + key + " but returns none");
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

  /**
   * The highest-numbered revocation list that {@code root} signed and that is stored under its own number, if any
   * (see {@link #revocations}). Each object left out is logged once, with the reason.
   */
  public Optional<X509CRL> latestRevocations(X509Certificate root) {
    Revocations found = revocations(root);
    found.refused().forEach((key, why) -> {
      if (reported.add(key + "\n" + why)) {
        LOG.warn("ignoring {} in the exchange at {}: {}", key, storage.location(), why);
      }
    });
    return found.newest();
  }

  /**
   * Every object under {@code federation/revocations/}, read and judged: a list counts only if it is a revocation
   * list, {@code root} signed it, and it is stored under {@link #revocationKey its own number}; of those, the highest
   * number is the newest. Everything else is refused with the reason — among it an old list copied to a higher key,
   * which would otherwise un-revoke whoever a newer list revokes.
   */
  public Revocations revocations(X509Certificate root) {
    X509CRL newest = null;
    BigInteger newestNumber = null;
    Map<String, String> refused = new LinkedHashMap<>();
    for (String key : list(REVOCATIONS)) {
      Optional<byte[]> bytes = read(key);
      if (bytes.isEmpty()) {
        continue; // deleted since the listing
      }
      Optional<X509CRL> list = revocationList(bytes.get());
      if (list.isEmpty()) {
        refused.put(key, "not a revocation list");
        continue;
      }
      if (!signedBy(list.get(), root)) {
        refused.put(key, "not signed by the federation root");
        continue;
      }
      BigInteger number = FederationRoot.numberOf(list.get());
      if (!key.equals(revocationKey(number))) {
        refused.put(key, "revocation list " + number + " of the federation root, stored under another number (it"
            + " belongs under " + revocationKey(number) + "): a copy, not a newer list");
        continue;
      }
      if (newestNumber == null || number.compareTo(newestNumber) > 0) {
        newest = list.get();
        newestNumber = number;
      }
    }
    return new Revocations(Optional.ofNullable(newest), refused);
  }

  /**
   * What {@link #revocations} found: the newest list that counts, and each key that does not count with the reason.
   */
  public record Revocations(Optional<X509CRL> newest, Map<String, String> refused) {
    public Revocations {
      refused = Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    }
  }

  /** Whether {@code root} issued and signed {@code list}. */
  public static boolean signedBy(X509CRL list, X509Certificate root) {
    if (!list.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
      return false;
    }
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
