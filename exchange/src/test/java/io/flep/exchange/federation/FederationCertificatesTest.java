package io.flep.exchange.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.exchange.ExchangeIntegrityException;
import io.flep.exchange.PartyCredential;
import io.flep.exchange.seal.AgreementKeyPair;
import io.flep.exchange.storage.DirectoryStorage;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FederationCertificatesTest {
  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  final SecureRandom random = new SecureRandom();
  @TempDir Path exchangeDir;
  DirectoryStorage storage;
  FederationCertificates published;
  FederationRoot root;
  PartyCredential analyst;

  @BeforeEach
  void setUp() throws Exception {
    storage = new DirectoryStorage(exchangeDir);
    published = new FederationCertificates(storage);
    root = FederationRoot.create("test federation", NOW.minus(Duration.ofDays(1)), Duration.ofDays(3650), random);
    analyst = new PartyCredential("analyst-1", "analyst",
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded(),
        AgreementKeyPair.generate(random).publicKey());
  }

  private CertifiedDirectory directory() {
    return CertifiedDirectory.inExchange(root.certificate(), published, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void aPublishedCertificateIsFoundAndGarbageBesideItDoesNotHideIt() throws Exception {
    published.publish(root.certify(analyst, NOW, Duration.ofDays(365)));
    Files.writeString(exchangeDir.resolve("parties/analyst-1/ff.crt"), "not a certificate");

    assertThat(directory().find("analyst-1")).contains(analyst);
    assertThat(directory().find("analyst-2")).isEmpty();
  }

  @Test
  void theNewestValidCertificateCountsAndARenewalWithNewKeysReplacesTheOld() throws Exception {
    published.publish(root.certify(analyst, NOW.minus(Duration.ofDays(10)), Duration.ofDays(365)));
    PartyCredential renewed = new PartyCredential("analyst-1", "analyst",
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded(),
        AgreementKeyPair.generate(random).publicKey());
    X509Certificate newer = root.certify(renewed, NOW.minus(Duration.ofDays(1)), Duration.ofDays(365));
    published.publish(newer);

    assertThat(directory().find("analyst-1")).contains(renewed);

    published.publish(root.revocationList(BigInteger.ONE, Map.of(newer.getSerialNumber(), NOW), NOW,
        Duration.ofDays(7)));
    assertThat(directory().find("analyst-1")).as("the revoked newer one no longer counts").contains(analyst);
  }

  @Test
  void theHighestNumberedListTheRootSignedCountsSoAnOldListCannotUnrevoke() throws Exception {
    X509Certificate certificate = root.certify(analyst, NOW, Duration.ofDays(365));
    published.publish(certificate);
    published.publish(root.revocationList(BigInteger.ONE, Map.of(), NOW, Duration.ofDays(7)));
    published.publish(root.revocationList(BigInteger.TWO, Map.of(certificate.getSerialNumber(), NOW), NOW,
        Duration.ofDays(7)));
    FederationRoot attacker = FederationRoot.create("attacker", NOW, Duration.ofDays(10), random);
    published.publish(attacker.revocationList(BigInteger.TEN, Map.of(), NOW, Duration.ofDays(7)));

    assertThat(published.latestRevocations(root.certificate()).map(FederationRoot::numberOf))
        .contains(BigInteger.TWO);
    assertThatThrownBy(() -> directory().find("analyst-1"))
        .isInstanceOf(ExchangeIntegrityException.class).hasMessageContaining("revoked");
  }

  @Test
  void anOldListCopiedToAHigherKeyIsRefusedAndTheRevokedPartyStaysRevoked() throws Exception {
    X509Certificate certificate = root.certify(analyst, NOW, Duration.ofDays(365));
    published.publish(certificate);
    X509CRL first = root.revocationList(BigInteger.ONE, Map.of(BigInteger.TEN, NOW), NOW, Duration.ofDays(7));
    published.publish(first);
    published.publish(root.revocationList(BigInteger.TWO, Map.of(BigInteger.TEN, NOW, certificate.getSerialNumber(),
        NOW), NOW, Duration.ofDays(7)));
    assertThatThrownBy(() -> directory().find("analyst-1")).hasMessageContaining("revoked");

    // whoever can write to the exchange replays list 1, the one without analyst-1, under keys sorting after list 2
    String highest = FederationCertificates.REVOCATIONS + "9".repeat(30) + ".crl";
    String longer = FederationCertificates.REVOCATIONS + "1" + "0".repeat(30) + ".crl";
    String named = FederationCertificates.REVOCATIONS + "zzz.crl";
    for (String key : new String[] {highest, longer, named}) {
      assertThat(storage.putIfAbsent(key, first.getEncoded())).isTrue();
    }

    FederationCertificates.Revocations found = published.revocations(root.certificate());
    assertThat(found.newest().map(FederationRoot::numberOf)).contains(BigInteger.TWO);
    assertThat(found.refused()).containsOnlyKeys(highest, longer, named);
    assertThat(found.refused().get(highest)).contains("revocation list 1").contains("stored under another number")
        .contains(FederationCertificates.revocationKey(BigInteger.ONE));
    assertThat(published.latestRevocations(root.certificate()).map(FederationRoot::numberOf))
        .contains(BigInteger.TWO);
    assertThatThrownBy(() -> directory().find("analyst-1")).isInstanceOf(ExchangeIntegrityException.class)
        .hasMessageContaining("was revoked by the federation root");
    // a fresh process (new objects, nothing cached) sees the same
    assertThatThrownBy(() -> CertifiedDirectory.inExchange(root.certificate(), new FederationCertificates(storage),
        Clock.fixed(NOW, ZoneOffset.UTC)).find("analyst-1")).hasMessageContaining("revoked");
  }

  @Test
  void junkOnTheNextKeyMakesPublishingFailNamingTheKeyAndTheLastListStillCounts() throws Exception {
    X509Certificate certificate = root.certify(analyst, NOW, Duration.ofDays(365));
    published.publish(certificate);
    X509CRL first = root.revocationList(BigInteger.ONE, Map.of(BigInteger.TEN, NOW), NOW, Duration.ofDays(7));
    published.publish(first);
    published.publish(first); // the same list again: harmless
    String next = FederationCertificates.revocationKey(BigInteger.TWO);
    assertThat(next).isEqualTo("federation/revocations/000000000000000000000000000002.crl");
    storage.putIfAbsent(next, "squatted".getBytes(StandardCharsets.UTF_8));

    X509CRL second = root.revocationList(BigInteger.TWO, Map.of(certificate.getSerialNumber(), NOW), NOW,
        Duration.ofDays(7));
    assertThatThrownBy(() -> published.publish(second)).isInstanceOf(ExchangeIntegrityException.class)
        .hasMessageContaining("revocation list 2 was not published").hasMessageContaining(next)
        .hasMessageContaining("already holds other bytes");
    assertThat(storage.get(next)).hasValueSatisfying(bytes ->
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("squatted"));

    FederationCertificates.Revocations found = published.revocations(root.certificate());
    assertThat(found.newest().map(FederationRoot::numberOf)).contains(BigInteger.ONE);
    assertThat(found.refused()).containsEntry(next, "not a revocation list");
    // the admin signs the same revocations again as list 3, which lands
    X509CRL third = root.revocationList(BigInteger.valueOf(3), Map.of(certificate.getSerialNumber(), NOW), NOW,
        Duration.ofDays(7));
    published.publish(third);
    assertThat(published.latestRevocations(root.certificate()).map(FederationRoot::numberOf))
        .contains(BigInteger.valueOf(3));
    assertThatThrownBy(() -> directory().find("analyst-1")).hasMessageContaining("revoked");
  }

  @Test
  void aCertificateKeyTakenByOtherBytesMakesPublishingFail() throws Exception {
    X509Certificate certificate = root.certify(analyst, NOW, Duration.ofDays(365));
    String key = "parties/analyst-1/" + certificate.getSerialNumber().toString(16) + ".crt";
    storage.putIfAbsent(key, "squatted".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> published.publish(certificate)).isInstanceOf(ExchangeIntegrityException.class)
        .hasMessageContaining("the certificate of 'analyst-1' was not published").hasMessageContaining(key);

    X509Certificate other = root.certify(analyst, NOW, Duration.ofDays(365));
    published.publish(other);
    published.publish(other); // again: harmless
    assertThat(directory().find("analyst-1")).contains(analyst);
  }

  @Test
  void aListOfAnotherRootOrWithoutItsNumberInItsKeyDoesNotCount() throws Exception {
    FederationRoot attacker = FederationRoot.create("test federation", NOW, Duration.ofDays(10), random);
    X509CRL forged = attacker.revocationList(BigInteger.valueOf(5), Map.of(), NOW, Duration.ofDays(7));
    published.publish(forged);

    FederationCertificates.Revocations found = published.revocations(root.certificate());
    assertThat(found.newest()).isEmpty();
    assertThat(found.refused()).containsEntry(FederationCertificates.revocationKey(BigInteger.valueOf(5)),
        "not signed by the federation root");
  }
}
