package io.flep.workers.federation;

import io.flep.workers.trust.FederationAuthority;
import io.flep.workers.trust.StartupKit;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The federation {@code ./flep run} makes for its parties when it starts them on this machine: a root under
 * {@code <root>/federation} (created on the first run, reused afterwards; its key owner-only, without a passphrase)
 * and a startup kit per party in {@code <party data dir>/kit}, exactly as an admin would make them with
 * {@code flep federation init} and {@code enroll}.
 */
final class ThrowawayFederation {
  /** A kit whose certificate ends sooner than this is renewed before the run. */
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private ThrowawayFederation() {}

  /** Makes (or reuses) the federation and a kit for every party; renews certificates that are about to end. */
  static void prepare(Path root, List<PartySpec> parties) {
    Clock clock = Clock.systemUTC();
    Path dir = root.resolve("federation");
    FederationAuthority authority = FederationAuthority.existsIn(dir) ? FederationAuthority.open(dir, null, clock)
        : FederationAuthority.init(dir, "FLEP run federation", null, Map.of(), clock);
    for (PartySpec party : parties) {
      Path kitDir = party.kitDir();
      if (!StartupKit.existsIn(kitDir)) {
        authority.enroll(party.role(), party.id(), kitDir, FederationAuthority.PARTY_VALIDITY, Map.of());
        continue;
      }
      StartupKit kit = StartupKit.read(kitDir);
      if (!kit.root().equals(authority.rootCertificate())) {
        throw new IllegalStateException("the startup kit in " + kitDir + " belongs to another federation than "
            + dir + "; remove " + party.dataDir() + " (the party's store and kit) or use another --data-dir");
      }
      X509Certificate certificate = kit.certificate();
      if (certificate.getNotAfter().before(Date.from(clock.instant().plus(RENEW_BEFORE)))) {
        authority.renew(kit, FederationAuthority.PARTY_VALIDITY);
      }
    }
  }
}
