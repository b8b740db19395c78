package io.flep.exchange.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.exchange.ExchangeIntegrityException;
import io.flep.exchange.PartyCredential;
import io.flep.exchange.seal.AgreementKeyPair;
import io.flep.exchange.storage.DirectoryStorage;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
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
}
