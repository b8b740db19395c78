package io.flep.workers.trust;

import io.flep.exchange.ExchangeIntegrityException;
import io.flep.exchange.ExchangeStorage;
import io.flep.exchange.PartyCredential;
import io.flep.exchange.PartyDirectory;
import io.flep.exchange.federation.CertifiedDirectory;
import io.flep.exchange.federation.FederationCertificates;
import io.flep.workers.config.FlepProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whom this process trusts: the federation root, and through it every party's certificate in the exchange
 * ({@link CertifiedDirectory}). A party process ({@code flep.party.*}) takes its root and its own certificate from
 * its startup kit ({@code flep.federation.kit}) and refuses to start without one. A process that runs every role
 * itself (one organisation, {@code flep serve}) keeps a federation of its own under {@code <data-dir>/federation},
 * created on first start, and certifies its identities with it.
 *
 * <p>Certificate and revocation lookups in the exchange are cached for {@link #CACHE}: a revocation takes effect
 * within that time. The newest revocation list seen is kept in {@code <data-dir>/}{@value SeenRevocations#FILE}
 * ({@link SeenRevocations}), so that this party never goes back to an older list, across restarts too.
 */
@Component
public class FederationTrust {
  /** How long a lookup in the exchange is reused. */
  public static final Duration CACHE = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(FederationTrust.class);

  private final Optional<StartupKit> kit;
  private final Optional<FederationAuthority> local;
  private final FederationCertificates published;
  private final CertifiedDirectory directory;
  private final SeenRevocations seen;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Cached<List<X509Certificate>>> certificates = new ConcurrentHashMap<>();
  private volatile Cached<Optional<X509CRL>> revocations;

  public FederationTrust(FlepProperties properties, ExchangeStorage storage) {
    this.published = new FederationCertificates(storage);
    Path kitDir = properties.federation().kit();
    FlepProperties.Party self = properties.party();
    if (kitDir != null) {
      StartupKit read = StartupKit.read(kitDir);
      if (self.single() && (!read.partyId().equals(self.id()) || !read.role().equals(self.role()))) {
        throw new IllegalStateException("the startup kit in " + kitDir + " is for " + read.role() + " '"
            + read.partyId() + "', but this process is " + self.role() + " '" + self.id() + "'");
      }
      this.kit = Optional.of(read);
      this.local = Optional.empty();
    } else if (self.single()) {
      throw new IllegalStateException(self.role() + " '" + self.id() + "' has no startup kit: a party joins a"
          + " federation with the kit its admin made ('flep federation enroll --role " + self.role() + " --id "
          + self.id() + " --out DIR'), given as --kit DIR (flep.federation.kit)");
    } else {
      Path dir = properties.dataDir().resolve("federation");
      this.kit = Optional.empty();
      if (FederationAuthority.existsIn(dir)) {
        this.local = Optional.of(FederationAuthority.open(dir, null, clock));
      } else {
        this.local = Optional.of(FederationAuthority.init(dir, "FLEP local federation", null, Map.of(), clock));
        forgetRevocationsOfAnEarlierRoot(properties.dataDir());
      }
    }
    X509Certificate root = kit.map(StartupKit::root).orElseGet(() -> local.orElseThrow().rootCertificate());
    if (clock.instant().isAfter(root.getNotAfter().toInstant())
        || clock.instant().isBefore(root.getNotBefore().toInstant())) {
      LOG.error("the federation root certificate ({}) is valid from {} to {}, not now: every party's signature is"
          + " refused until the federation admin makes a new root and enrolls the parties again",
          root.getSubjectX500Principal().getName(), root.getNotBefore().toInstant(), root.getNotAfter().toInstant());
    }
    this.seen = SeenRevocations.open(properties.dataDir(), root);
    this.directory = new CertifiedDirectory(root, this::certificatesOf, this::currentRevocations, clock);
  }

  /** A local federation made anew has a new root: lists the old root signed are no longer this party's concern. */
  private static void forgetRevocationsOfAnEarlierRoot(Path dataDir) {
    Path file = SeenRevocations.fileIn(dataDir);
    try {
      if (Files.deleteIfExists(file)) {
        LOG.info("a new local federation root: forgot the revocation list of the earlier one ({})", file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
    }
  }

  /** Who is who in this federation. */
  public PartyDirectory directory() {
    return directory;
  }

  /** The kit this party was started with, if it is one party of a federation. */
  public Optional<StartupKit> kit() {
    return kit;
  }

  /**
   * Makes sure the exchange holds a valid certificate for {@code credential}, one of this process's identities:
   * the kit's certificate (which must certify exactly this credential), or one the local federation issues.
   *
   * @throws IllegalStateException if the kit certifies another key for this party
   */
  public void announce(PartyCredential credential) {
    if (kit.isPresent()) {
      StartupKit own = kit.get();
      if (!own.credential().equals(credential)) {
        throw new IllegalStateException("the store of " + credential.role() + " '" + credential.partyId() + "' holds"
            + " another identity than its startup kit in " + own.dir() + " certifies; start it with the data"
            + " directory it was first started with, or a new data directory for this kit");
      }
      published.publish(own.certificate());
    } else {
      Optional<PartyCredential> current;
      try {
        current = directory.find(credential.partyId());
      } catch (ExchangeIntegrityException e) {
        current = Optional.empty();
      }
      if (current.isEmpty() || !current.get().equals(credential)) {
        X509Certificate certificate = local.orElseThrow().certify(credential, FederationAuthority.PARTY_VALIDITY);
        published.publish(certificate);
        LOG.info("certified {} '{}' in the local federation (serial {})", credential.role(), credential.partyId(),
            certificate.getSerialNumber().toString(16));
      }
    }
    certificates.remove(credential.partyId());
  }

  private List<X509Certificate> certificatesOf(String partyId) {
    Cached<List<X509Certificate>> cached = certificates.get(partyId);
    Instant now = clock.instant();
    if (cached != null && cached.fresh(now)) {
      return cached.value();
    }
    List<X509Certificate> found = published.certificatesOf(partyId);
    if (!found.isEmpty()) {
      certificates.put(partyId, new Cached<>(found, now));
    }
    return found;
  }

  private Optional<X509CRL> currentRevocations() {
    Cached<Optional<X509CRL>> cached = revocations;
    Instant now = clock.instant();
    if (cached != null && cached.fresh(now)) {
      return cached.value();
    }
    // a list older than one this party has seen (withheld, deleted or replayed in the exchange) never replaces it
    Optional<X509CRL> latest = seen.newer(published.latestRevocations(directory.root()));
    revocations = new Cached<>(latest, now);
    return latest;
  }

  private record Cached<T>(T value, Instant at) {
    boolean fresh(Instant now) {
      return now.isBefore(at.plus(CACHE));
    }
  }
}
