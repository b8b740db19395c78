package io.flep.workers.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.exchange.ExchangeIntegrityException;
import io.flep.exchange.federation.FederationCertificates;
import io.flep.exchange.federation.FederationRoot;
import io.flep.exchange.storage.DirectoryStorage;
import io.flep.workers.config.FlepProperties;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A party's trust across restarts: the newest revocation list it has seen is kept in its data directory, so a
 * restart after the exchange lost (or was made to lose) that list does not un-revoke anyone. Real files, a real
 * federation root, real startup kits; each {@code new FederationTrust} is a process start.
 */
class FederationTrustTest {
  @TempDir Path dir;
  Path exchangeDir;
  DirectoryStorage storage;
  FederationCertificates published;
  FederationAuthority admin;
  StartupKit analyst2;
  StartupKit analyst3;

  @BeforeEach
  void setUp() throws Exception {
    exchangeDir = dir.resolve("exchange");
    Files.createDirectories(exchangeDir);
    storage = new DirectoryStorage(exchangeDir);
    published = new FederationCertificates(storage);
    admin = FederationAuthority.init(dir.resolve("federation"), "Plant 7", null, Map.of(), Clock.systemUTC());
    admin.enroll("analyst", "analyst-1", dir.resolve("kit-a1"), Duration.ofDays(30), Map.of());
    analyst2 = admin.enroll("analyst", "analyst-2", dir.resolve("kit-a2"), Duration.ofDays(30), Map.of());
    analyst3 = admin.enroll("analyst", "analyst-3", dir.resolve("kit-a3"), Duration.ofDays(30), Map.of());
    published.publish(analyst2.certificate());
    published.publish(analyst3.certificate());
  }

  /** analyst-1's process on {@code dataDir}. */
  private FederationTrust start(Path dataDir) {
    FlepProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
        "flep.data-dir", dataDir.toString(),
        "flep.exchange", exchangeDir.toString(),
        "flep.party.role", "analyst",
        "flep.party.id", "analyst-1",
        "flep.federation.kit", dir.resolve("kit-a1").toString())))
        .bind("flep", FlepProperties.class).get();
    return new FederationTrust(properties, storage);
  }

  @Test
  void aRestartAfterTheNewestListVanishedAndAnOldOneWasReplayedStillKnowsTheRevocation() throws Exception {
    Path dataDir = dir.resolve("analyst-1");
    assertThat(start(dataDir).directory().find("analyst-2")).contains(analyst2.credential());
    Path mark = dataDir.resolve(SeenRevocations.FILE);
    assertThat(mark).as("nothing revoked, nothing recorded").doesNotExist();

    X509CRL first = admin.revoke("analyst-3");
    published.publish(first);
    X509CRL second = admin.revoke("analyst-2");
    published.publish(second);
    FederationTrust running = start(dataDir);
    assertThatThrownBy(() -> running.directory().find("analyst-2")).isInstanceOf(ExchangeIntegrityException.class)
        .hasMessageContaining("revoked");
    assertThat(Files.readAllBytes(mark)).as("the newest list seen, recorded").isEqualTo(second.getEncoded());
    assertThat(Files.getPosixFilePermissions(mark)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

    // whoever runs the exchange deletes list 2 and replays list 1 (without analyst-2) under a higher key
    Files.delete(exchangeDir.resolve(FederationCertificates.revocationKey(BigInteger.TWO)));
    Files.write(exchangeDir.resolve(FederationCertificates.REVOCATIONS + "9".repeat(30) + ".crl"), first.getEncoded());
    assertThat(published.latestRevocations(admin.rootCertificate()).map(FederationRoot::numberOf))
        .as("the exchange now offers list 1 only").contains(BigInteger.ONE);

    FederationTrust restarted = start(dataDir);
    assertThatThrownBy(() -> restarted.directory().find("analyst-2")).isInstanceOf(ExchangeIntegrityException.class)
        .hasMessageContaining("revoked");
    assertThatThrownBy(() -> restarted.directory().find("analyst-3")).hasMessageContaining("revoked");
    assertThat(restarted.directory().find("analyst-1")).as("nothing published for analyst-1 yet").isEmpty();
    assertThat(Files.readAllBytes(mark)).as("never replaced by a lower list").isEqualTo(second.getEncoded());

    // a party that never saw list 2 cannot know it: what the mark is for
    assertThat(start(dir.resolve("newcomer")).directory().find("analyst-2")).contains(analyst2.credential());

    // a newer list from the exchange replaces the mark
    X509CRL third = admin.reissueRevocations();
    published.publish(third);
    assertThatThrownBy(() -> start(dataDir).directory().find("analyst-2")).hasMessageContaining("revoked");
    assertThat(Files.readAllBytes(mark)).isEqualTo(third.getEncoded());
    assertThat(FederationRoot.numberOf(third)).isEqualTo(BigInteger.valueOf(3));
    assertThat(third.getRevokedCertificates()).hasSize(second.getRevokedCertificates().size());
  }

  @Test
  void aDamagedMarkOrOneOfAnotherRootStopsTheStartNamingTheFile() throws Exception {
    Path dataDir = dir.resolve("analyst-1");
    Files.createDirectories(dataDir);
    Path mark = dataDir.resolve(SeenRevocations.FILE);
    Files.writeString(mark, "not a list");
    assertThatThrownBy(() -> start(dataDir)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(mark.toString()).hasMessageContaining("is not a revocation list")
        .hasMessageContaining("delete it");

    FederationAuthority other = FederationAuthority.init(dir.resolve("other"), "Other", null, Map.of(),
        Clock.systemUTC());
    other.enroll("analyst", "analyst-9", dir.resolve("kit-o"), Duration.ofDays(30), Map.of());
    Files.write(mark, other.revoke("analyst-9").getEncoded());
    assertThatThrownBy(() -> start(dataDir)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another federation root").hasMessageContaining("CN=Other");
  }
}
