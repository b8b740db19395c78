package io.flep.workers.trust;

import io.flep.exchange.federation.FederationCertificates;
import io.flep.exchange.federation.FederationRoot;
import io.flep.workers.store.OwnerOnlyFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The high-water mark of a party's revocation lists: the newest list of the federation root this party has seen,
 * kept in its data directory ({@value #FILE}, DER, owner-only, replaced atomically). Loaded on start, it makes sure
 * that neither a running party nor a restarted one goes back to a lower-numbered list when the exchange withholds or
 * deletes the newest one, or offers an older one: whoever can write to the exchange cannot un-revoke a party this
 * party has seen revoked.
 */
public final class SeenRevocations {
  /** The file in the data directory. */
  public static final String FILE = "federation-revocations.crl";
  private static final Logger LOG = LoggerFactory.getLogger(SeenRevocations.class);

  private final Path file;
  private final X509Certificate root;
  private final boolean record;
  private volatile X509CRL newest;
  private BigInteger stored;
  private String warned;

  private SeenRevocations(Path file, X509Certificate root, boolean record, X509CRL newest) {
    this.file = file;
    this.root = root;
    this.record = record;
    this.newest = newest;
    this.stored = newest == null ? null : FederationRoot.numberOf(newest);
  }

  /**
   * The mark in {@code dataDir} for {@code root}, recording newer lists as they are seen.
   *
   * @throws IllegalStateException naming the file if it is damaged or holds a list another root signed
   */
  public static SeenRevocations open(Path dataDir, X509Certificate root) {
    return load(dataDir, root, true);
  }

  /** As {@link #open}, but never writes the file (for a check of a stopped party's data directory). */
  public static SeenRevocations readOnly(Path dataDir, X509Certificate root) {
    return load(dataDir, root, false);
  }

  /** The file the mark of a party with data directory {@code dataDir} is kept in. */
  public static Path fileIn(Path dataDir) {
    return dataDir.toAbsolutePath().resolve(FILE);
  }

  private static SeenRevocations load(Path dataDir, X509Certificate root, boolean record) {
    Path file = fileIn(dataDir);
    if (!Files.isRegularFile(file)) {
      return new SeenRevocations(file, root, record, null);
    }
    String startOver = "; it records the newest revocation list this party has seen. If you know why, delete it:"
        + " the party then starts over from the lists in the exchange (and forgets a revocation whose list was"
        + " deleted from there)";
    X509CRL list;
    try {
      list = (X509CRL) CertificateFactory.getInstance("X.509")
          .generateCRL(new ByteArrayInputStream(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException(file + " is not a revocation list (" + e.getMessage() + ")" + startOver, e);
    }
    if (!FederationCertificates.signedBy(list, root)) {
      throw new IllegalStateException(file + " holds a revocation list of another federation root ("
          + list.getIssuerX500Principal().getName() + ") than this party's (" + root.getSubjectX500Principal().getName()
          + "): this data directory belongs to another federation" + startOver);
    }
    return new SeenRevocations(file, root, record, list);
  }

  /** The newest list seen, if any. */
  public Optional<X509CRL> newest() {
    return Optional.ofNullable(newest);
  }

  /**
   * The newer of the list seen so far and {@code offered} (the newest the exchange holds now), by CRL number. A newer
   * one becomes the mark and is written to the file before it is returned; an older one (or none) leaves the mark as
   * it is. A list the root did not sign is ignored. If the file cannot be written the newer list still counts (and
   * writing is retried the next time), with an error logged.
   */
  public synchronized Optional<X509CRL> newer(Optional<X509CRL> offered) {
    X509CRL seen = newest;
    if (offered.isPresent() && FederationCertificates.signedBy(offered.get(), root)) {
      BigInteger number = FederationRoot.numberOf(offered.get());
      if (seen == null || number.compareTo(FederationRoot.numberOf(seen)) > 0) {
        if (seen != null) {
          LOG.info("revocation list {} of the federation root replaces list {}", number, FederationRoot.numberOf(seen));
        }
        newest = seen = offered.get();
      } else if (number.compareTo(FederationRoot.numberOf(seen)) < 0) {
        warnOnce("the exchange's newest revocation list is " + number + ", but this party has seen list "
            + FederationRoot.numberOf(seen) + " (" + file + "): keeping that one; the newer list was withheld or"
            + " deleted from the exchange");
      }
    } else if (seen != null && offered.isEmpty()) {
      warnOnce("the exchange holds no revocation list, but this party has seen list " + FederationRoot.numberOf(seen)
          + " (" + file + "): keeping that one; the list was withheld or deleted from the exchange");
    }
    if (seen != null && record) {
      store(seen);
    }
    return Optional.ofNullable(seen);
  }

  private void warnOnce(String warning) {
    if (!warning.equals(warned)) {
      warned = warning;
      LOG.warn(warning);
    }
  }

  private void store(X509CRL list) {
    BigInteger number = FederationRoot.numberOf(list);
    if (stored != null && stored.compareTo(number) >= 0) {
      return;
    }
    try {
      OwnerOnlyFiles.createDirectory(file.getParent());
      OwnerOnlyFiles.replace(file, list.getEncoded());
      stored = number;
    } catch (IOException | GeneralSecurityException e) {
      LOG.error("could not record revocation list {} in {}: {}; it applies in this process, but a restart would not"
          + " know it if the exchange no longer offers it", number, file, e.getMessage());
    }
  }
}
