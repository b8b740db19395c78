package io.flep.workers.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.exchange.ExchangeIntegrityException;
import io.flep.exchange.PartyCredential;
import io.flep.exchange.federation.CertifiedDirectory;
import io.flep.exchange.federation.FederationCertificates;
import io.flep.exchange.storage.DirectoryStorage;
import io.flep.workers.testing.FlepCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flep federation init | enroll | renew | revoke} as an admin runs them, and what parties make of the result. */
class FederationCommandsTest {
  @TempDir Path dir;

  @Test
  void initEnrollRenewRevokeThroughTheCommandLine() throws Exception {
    Path federation = dir.resolve("federation");
    Path exchange = dir.resolve("exchange");
    Files.createDirectories(exchange);
    Path passphrase = dir.resolve("passphrase");
    Files.writeString(passphrase, "correct horse battery staple\n");

    FlepCli.Result init = FlepCli.run("federation", "init", "--dir", federation.toString(), "--name", "Plant 7",
        "--exchange", exchange.toString(), "--engine", "http://10.0.0.5:26500", "--passphrase-file",
        passphrase.toString());
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(Files.getPosixFilePermissions(federation.resolve("root.key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(federation)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.readString(federation.resolve("root.key"))).as("the key is under the passphrase")
        .contains("BEGIN ENCRYPTED PRIVATE KEY").doesNotContain("BEGIN PRIVATE KEY");

    FlepCli.Result wrong = FlepCli.run("federation", "enroll", "--dir", federation.toString(), "--role", "analyst",
        "--id", "analyst-1", "--out", dir.resolve("kit-a1").toString());
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.err()).contains("protected by a passphrase");
    assertThat(dir.resolve("kit-a1")).doesNotExist();

    FlepCli.Result enroll = FlepCli.run("federation", "enroll", "--dir", federation.toString(), "--role", "analyst",
        "--id", "analyst-1", "--out", dir.resolve("kit-a1").toString(), "--passphrase-file", passphrase.toString());
    assertThat(enroll.exitCode()).as(enroll.err()).isZero();
    StartupKit kit = StartupKit.read(dir.resolve("kit-a1"));
    assertThat(kit.role()).isEqualTo("analyst");
    assertThat(kit.partyId()).isEqualTo("analyst-1");
    assertThat(kit.federation()).isEqualTo("Plant 7");
    assertThat(kit.settings()).containsEntry(StartupKit.EXCHANGE, exchange.toString())
        .containsEntry(StartupKit.ENGINE_GRPC, "http://10.0.0.5:26500");
    assertThat(Files.getPosixFilePermissions(dir.resolve("kit-a1").resolve("identity.key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    StartupKit.IdentityKeys keys = kit.identityKeys().orElseThrow();
    assertThat(io.flep.exchange.seal.AgreementKeyPair.fromPrivateKey(keys.agreementKey()).publicKey())
        .as("the kit's X25519 key is the one its certificate carries").isEqualTo(kit.credential().agreementKey());

    FlepCli.Result again = FlepCli.run("federation", "enroll", "--dir", federation.toString(), "--role", "analyst",
        "--id", "analyst-1", "--out", dir.resolve("kit-a1").toString(), "--passphrase-file", passphrase.toString());
    assertThat(again.exitCode()).as("a kit is never overwritten").isNotZero();
    assertThat(again.err()).contains("already holds a startup kit");
    assertThat(StartupKit.read(dir.resolve("kit-a1")).certificate()).isEqualTo(kit.certificate());

    FlepCli.Result badRole = FlepCli.run("federation", "enroll", "--dir", federation.toString(), "--role", "admin",
        "--id", "x", "--out", dir.resolve("kit-x").toString(), "--passphrase-file", passphrase.toString());
    assertThat(badRole.err()).contains("--role must be one of");

    FlepCli.Result renew = FlepCli.run("federation", "renew", "--dir", federation.toString(), "--kit",
        dir.resolve("kit-a1").toString(), "--days", "30", "--passphrase-file", passphrase.toString());
    assertThat(renew.exitCode()).as(renew.err()).isZero();
    StartupKit renewed = StartupKit.read(dir.resolve("kit-a1"));
    assertThat(renewed.certificate().getSerialNumber()).isNotEqualTo(kit.certificate().getSerialNumber());
    assertThat(renewed.credential()).as("same party, same keys").isEqualTo(kit.credential());
    assertThat(Duration.between(renewed.certificate().getNotBefore().toInstant(),
        renewed.certificate().getNotAfter().toInstant())).isEqualTo(Duration.ofDays(30));

    // a party publishes its certificate; others find it through the root — until the admin revokes it
    try (DirectoryStorage storage = new DirectoryStorage(exchange)) {
      FederationCertificates published = new FederationCertificates(storage);
      published.publish(renewed.certificate());
      CertifiedDirectory parties = CertifiedDirectory.inExchange(kit.root(), published, Clock.systemUTC());
      PartyCredential found = parties.find("analyst-1").orElseThrow();
      assertThat(found).isEqualTo(kit.credential());

      FlepCli.Result revoke = FlepCli.run("federation", "revoke", "--dir", federation.toString(), "analyst-1",
          "--passphrase-file", passphrase.toString());
      assertThat(revoke.exitCode()).as(revoke.err()).isZero();
      assertThat(revoke.out()).contains("revocation list 1").contains("2 certificate(s)").contains("published to");
      assertThatThrownBy(() -> parties.find("analyst-1")).isInstanceOf(ExchangeIntegrityException.class)
          .hasMessageContaining("revoked");
    }
    FlepCli.Result unknown = FlepCli.run("federation", "revoke", "--dir", federation.toString(), "analyst-9",
        "--passphrase-file", passphrase.toString());
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.err()).contains("never certified a party 'analyst-9'");
  }

  @Test
  void aRevocationListThatCannotBePublishedFailsTheCommandAndIsReissuedUnderTheNextNumber() throws Exception {
    Path federation = dir.resolve("federation");
    Path exchange = dir.resolve("exchange");
    Files.createDirectories(exchange);
    assertThat(FlepCli.run("federation", "init", "--dir", federation.toString(), "--exchange", exchange.toString())
        .exitCode()).isZero();
    FlepCli.Result enroll = FlepCli.run("federation", "enroll", "--dir", federation.toString(), "--role", "analyst",
        "--id", "analyst-1", "--out", dir.resolve("kit-a1").toString());
    assertThat(enroll.exitCode()).as(enroll.err()).isZero();
    StartupKit kit = StartupKit.read(dir.resolve("kit-a1"));

    try (DirectoryStorage storage = new DirectoryStorage(exchange)) {
      FederationCertificates published = new FederationCertificates(storage);
      published.publish(kit.certificate());
      CertifiedDirectory parties = CertifiedDirectory.inExchange(kit.root(), published, Clock.systemUTC());
      // whoever can write to the exchange takes the key of the admin's next list first
      String first = FederationCertificates.revocationKey(java.math.BigInteger.ONE);
      storage.putIfAbsent(first, "squatted".getBytes(java.nio.charset.StandardCharsets.UTF_8));

      FlepCli.Result revoke = FlepCli.run("federation", "revoke", "--dir", federation.toString(), "analyst-1");
      assertThat(revoke.exitCode()).as(revoke.out()).isEqualTo(1);
      assertThat(revoke.out()).contains("revoked (revocation list 1").doesNotContain("published to");
      assertThat(revoke.err()).contains("NOT published").contains(first).contains("already holds other bytes")
          .contains("--reissue");
      assertThat(parties.find("analyst-1")).as("the parties do not know of the revocation").isPresent();

      FlepCli.Result reissue = FlepCli.run("federation", "revoke", "--dir", federation.toString(), "--reissue");
      assertThat(reissue.exitCode()).as(reissue.err()).isZero();
      assertThat(reissue.out()).contains("revocation list 2 signed (1 certificate(s) revoked in all")
          .contains("published to " + exchange);
      assertThatThrownBy(() -> parties.find("analyst-1")).isInstanceOf(ExchangeIntegrityException.class)
          .hasMessageContaining("revoked");

      FlepCli.Result again = FlepCli.run("federation", "revoke", "--dir", federation.toString(), "--reissue");
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.out()).contains("revocation list 3 signed");
    }
    assertThat(FlepCli.run("federation", "revoke", "--dir", federation.toString(), "analyst-1", "--reissue")
        .err()).contains("not both");
    assertThat(FlepCli.run("federation", "revoke", "--dir", federation.toString()).exitCode()).isEqualTo(2);
  }

  @Test
  void aPartyWithoutAKitOrWithSomeoneElsesKitDoesNotStart() throws Exception {
    FlepCli.Result noKit = FlepCli.run("party", "--role", "analyst", "--id", "analyst-1", "--engine",
        "http://127.0.0.1:1", "--exchange", dir.toString(), "--data-dir", dir.resolve("a1").toString());
    assertThat(noKit.exitCode()).isNotZero();
    assertThat(noKit.err()).contains("--kit").contains("flep federation enroll");

    FederationAuthority authority = FederationAuthority.init(dir.resolve("federation"), "f", null,
        java.util.Map.of(), Clock.systemUTC());
    authority.enroll("analyst", "analyst-2", dir.resolve("kit-a2"), Duration.ofDays(10), java.util.Map.of());
    FlepCli.Result other = FlepCli.run("party", "--kit", dir.resolve("kit-a2").toString(), "--id", "analyst-1",
        "--engine", "http://127.0.0.1:1", "--exchange", dir.toString(), "--data-dir", dir.resolve("a1").toString());
    assertThat(other.exitCode()).isNotZero();
    assertThat(other.err()).contains("is for analyst 'analyst-2', not analyst 'analyst-1'");
    assertThat(dir.resolve("a1")).as("nothing was started or created").doesNotExist();
  }
}
