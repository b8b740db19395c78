package io.flep.exchange.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HpkeTest {
  private static final HexFormat HEX = HexFormat.of();
  private final SecureRandom random = new SecureRandom();

  /** RFC 9180 appendix A.1.1 (DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode), sequence 0. */
  @Test
  void opensTheRfc9180KnownAnswer() throws GeneralSecurityException {
    AgreementKeyPair recipient = AgreementKeyPair.fromPrivateKey(
        HEX.parseHex("4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8"));
    assertThat(HEX.formatHex(recipient.publicKey()))
        .isEqualTo("3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d");
    byte[] plaintext = Hpke.open(recipient, "Ode on a Grecian Urn".getBytes(StandardCharsets.US_ASCII),
        "Count-0".getBytes(StandardCharsets.US_ASCII),
        HEX.parseHex("37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431"),
        HEX.parseHex("f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a"));
    assertThat(new String(plaintext, StandardCharsets.US_ASCII)).isEqualTo("Beauty is truth, truth beauty");
  }

  @Test
  void onlyTheRecipientOpensUnderTheSameContext() throws GeneralSecurityException {
    AgreementKeyPair analystA = AgreementKeyPair.generate(random);
    AgreementKeyPair analystB = AgreementKeyPair.generate(random);
    UUID run = UUID.randomUUID();
    SealContext context = new SealContext(run, "data-key-1", "data-cipher-key", "analyst-a");
    byte[] secret = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    byte[] box = Hpke.seal(analystA.publicKey(), context, secret);

    assertThat(Hpke.open(analystA, context, box)).isEqualTo(secret);
    assertThat(box).hasSize(32 + secret.length + 16);
    assertThatThrownBy(() -> Hpke.open(analystB, context, box)).isInstanceOf(GeneralSecurityException.class);
    for (SealContext other : new SealContext[] {
        new SealContext(UUID.randomUUID(), "data-key-1", "data-cipher-key", "analyst-a"),
        new SealContext(run, "data-key-2", "data-cipher-key", "analyst-a"),
        new SealContext(run, "data-key-1", "he-secret-key", "analyst-a"),
        new SealContext(run, "data-key-1", "data-cipher-key", "analyst-b")}) {
      assertThatThrownBy(() -> Hpke.open(analystA, other, box)).as("opened under %s", other)
          .isInstanceOf(GeneralSecurityException.class);
    }
    byte[] flipped = box.clone();
    flipped[40] ^= 1;
    assertThatThrownBy(() -> Hpke.open(analystA, context, flipped)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void sealingTwiceGivesDifferentBoxes() {
    AgreementKeyPair recipient = AgreementKeyPair.generate(random);
    SealContext context = new SealContext(UUID.randomUUID(), "k", "p", "r");
    byte[] secret = new byte[32];
    assertThat(Hpke.seal(recipient.publicKey(), context, secret))
        .isNotEqualTo(Hpke.seal(recipient.publicKey(), context, secret));
  }

  @Test
  void aKeyPairSurvivesExportAndRestore() {
    AgreementKeyPair pair = AgreementKeyPair.generate(random);
    assertThat(AgreementKeyPair.fromPrivateKey(pair.exportPrivateKey()).publicKey()).isEqualTo(pair.publicKey());
  }
}
