package io.flep.exchange.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.exchange.ExchangeIntegrityException;
import io.flep.exchange.PartyCredential;
import io.flep.exchange.seal.AgreementKeyPair;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CertifiedDirectoryTest {
  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  final SecureRandom random = new SecureRandom();
  final Map<String, X509Certificate> presented = new HashMap<>();
  FederationRoot root;
  PartyCredential analyst;

  @BeforeEach
  void setUp() throws Exception {
    root = FederationRoot.create("test federation", NOW.minus(Duration.ofDays(1)), Duration.ofDays(3650), random);
    analyst = credential("analyst-1", "analyst");
  }

  private PartyCredential credential(String id, String role) throws Exception {
    KeyPair signing = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    return new PartyCredential(id, role, signing.getPublic().getEncoded(),
        AgreementKeyPair.generate(random).publicKey());
  }

  private CertifiedDirectory directory(Instant at, Optional<X509CRL> revocations) {
    return new CertifiedDirectory(root.certificate(),
        id -> Optional.ofNullable(presented.get(id)).map(java.util.List::of).orElse(java.util.List.of()),
        () -> revocations, Clock.fixed(at, ZoneOffset.UTC));
  }

  @Test
  void aCertifiedPartyIsFoundWithItsRoleAndBothKeys() throws Exception {
    presented.put("analyst-1", root.certify(analyst, NOW, Duration.ofDays(365)));

    assertThat(directory(NOW, Optional.empty()).find("analyst-1")).contains(analyst);
    assertThat(directory(NOW, Optional.empty()).find("analyst-2")).isEmpty();
    assertThat(root.certificate().getBasicConstraints()).as("the root is a CA").isZero();
    assertThat(presented.get("analyst-1").getBasicConstraints()).as("a party is not a CA").isEqualTo(-1);
  }

  @Test
  void aCertificateFromAnotherRootIsRefused() throws Exception {
    FederationRoot attacker = FederationRoot.create("attacker", NOW, Duration.ofDays(10), random);
    presented.put("analyst-1", attacker.certify(credential("analyst-1", "analyst"), NOW, Duration.ofDays(30)));

    assertThatThrownBy(() -> directory(NOW, Optional.empty()).find("analyst-1"))
        .isInstanceOf(ExchangeIntegrityException.class).hasMessageContaining("not signed by the federation root");
  }

  @Test
  void anExpiredOrNotYetValidCertificateIsRefused() throws Exception {
    presented.put("analyst-1", root.certify(analyst, NOW, Duration.ofDays(30)));

    assertThatThrownBy(() -> directory(NOW.plus(Duration.ofDays(31)), Optional.empty()).find("analyst-1"))
        .isInstanceOf(CertificateOutOfDateException.class).hasMessageContaining("not valid now");
    assertThatThrownBy(() -> directory(NOW.minus(Duration.ofDays(1)), Optional.empty()).find("analyst-1"))
        .isInstanceOf(CertificateOutOfDateException.class).hasMessageContaining("not valid now");
  }

  @Test
  void aRevokedCertificateIsRefusedAndOnlyTheRootsListCounts() throws Exception {
    X509Certificate certificate = root.certify(analyst, NOW, Duration.ofDays(365));
    presented.put("analyst-1", certificate);
    X509CRL list = root.revocationList(BigInteger.ONE, Map.of(certificate.getSerialNumber(), NOW), NOW, Duration.ofDays(7));

    assertThatThrownBy(() -> directory(NOW, Optional.of(list)).find("analyst-1"))
        .isInstanceOf(ExchangeIntegrityException.class).hasMessageContaining("revoked");
    X509CRL other = root.revocationList(BigInteger.TWO, Map.of(BigInteger.TEN, NOW), NOW, Duration.ofDays(7));
    assertThat(directory(NOW, Optional.of(other)).find("analyst-1")).contains(analyst);

    FederationRoot attacker = FederationRoot.create("attacker", NOW, Duration.ofDays(10), random);
    X509CRL forged = attacker.revocationList(BigInteger.TEN, Map.of(), NOW, Duration.ofDays(7));
    assertThatThrownBy(() -> directory(NOW, Optional.of(forged)).find("analyst-1"))
        .isInstanceOf(ExchangeIntegrityException.class).hasMessageContaining("revocation list is not signed");
  }

  @Test
  void aCertificatePresentedUnderAnotherIdIsRefused() throws Exception {
    presented.put("analyst-2", root.certify(analyst, NOW, Duration.ofDays(365)));

    assertThatThrownBy(() -> directory(NOW, Optional.empty()).find("analyst-2"))
        .isInstanceOf(ExchangeIntegrityException.class).hasMessageContaining("certifies 'analyst-1', not 'analyst-2'");
  }

  @Test
  void aPartyCertificateLastsAtMostAYearAndTheRootSurvivesStorage() throws Exception {
    assertThatThrownBy(() -> root.certify(analyst, NOW, Duration.ofDays(400)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 366 days");

    FederationRoot restored = FederationRoot.of(root.certificate(), root.exportPrivateKey(), random);
    presented.put("analyst-1", restored.certify(analyst, NOW, Duration.ofDays(365)));
    assertThat(directory(NOW, Optional.empty()).find("analyst-1")).contains(analyst);
  }

  @Test
  void nothingCountsThroughAnExpiredRoot() throws Exception {
    root = FederationRoot.create("short-lived federation", NOW.minus(Duration.ofDays(1)), Duration.ofDays(10),
        random);
    presented.put("analyst-1", root.certify(analyst, NOW, Duration.ofDays(365)));
    assertThat(directory(NOW, Optional.empty()).find("analyst-1")).contains(analyst);

    Instant later = NOW.plus(Duration.ofDays(10));
    assertThatThrownBy(() -> directory(later, Optional.empty()).find("analyst-1"))
        .isInstanceOf(CertificateOutOfDateException.class)
        .hasMessageContaining("the federation root certificate (").hasMessageContaining("CN=short-lived federation)")
        .hasMessageContaining("is not valid now").hasMessageContaining("signatures of 'analyst-1' are refused");
    assertThatThrownBy(() -> directory(later, Optional.empty()).verified("analyst-1", presented.get("analyst-1")))
        .isInstanceOf(ExchangeIntegrityException.class).hasMessageContaining("federation root certificate");
  }

  @Test
  void aListPastItsNextUpdateStillRevokesAndLeavesTheOthersUsable() throws Exception {
    X509Certificate revoked = root.certify(analyst, NOW, Duration.ofDays(365));
    PartyCredential other = credential("analyst-2", "analyst");
    presented.put("analyst-1", revoked);
    presented.put("analyst-2", root.certify(other, NOW, Duration.ofDays(365)));
    X509CRL list = root.revocationList(BigInteger.ONE, Map.of(revoked.getSerialNumber(), NOW), NOW,
        Duration.ofDays(7));

    CertifiedDirectory stale = directory(NOW.plus(Duration.ofDays(30)), Optional.of(list));
    assertThatThrownBy(() -> stale.find("analyst-1")).isInstanceOf(ExchangeIntegrityException.class)
        .hasMessageContaining("revoked");
    assertThat(stale.find("analyst-2")).contains(other);
  }
}
