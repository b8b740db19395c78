package io.flep.he.paillier;

import static io.flep.he.paillier.PaillierSchemeTest.WEAK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.he.ThresholdDecryption;
import io.flep.plugin.api.key.KeyMaterial;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A 2-of-3 threshold key through the plugin's public API, as the workers use it. */
class ThresholdPaillierSchemeTest {
  static final PaillierSchemeProvider PROVIDER = new PaillierSchemeProvider();
  static KeyMaterial dealt;
  static List<KeyMaterial> shareKeys;
  static HomomorphicEncryption analyst;

  @BeforeAll
  static void deal() throws GeneralSecurityException {
    dealt = PROVIDER.generateKeyPair(WEAK.with("threshold", "2").with("shareholders", "3"), new SecureRandom());
    shareKeys = PROVIDER.splitShares(dealt);
    analyst = PROVIDER.newEncryption(dealt.publicOnly());
  }

  private static ThresholdDecryption holder(int index) throws GeneralSecurityException {
    return PROVIDER.newThresholdDecryption(shareKeys.get(index - 1));
  }

  @Test
  void twoShareHoldersDecryptTheAggregateTogetherAndNoOneAlone() throws Exception {
    HeCiphertext sum = analyst.add(analyst.encrypt(new double[] {1.5, -2, 0.25}),
        analyst.encrypt(new double[] {0.5, 1, 0.25}));

    byte[] p1 = holder(1).partialDecrypt(sum);
    byte[] p3 = holder(3).partialDecrypt(sum);

    assertThat(holder(2).combine(sum, List.of(p1, p3))).containsExactly(new double[] {2, -1, 0.5}, within(1e-5));
    assertThat(PROVIDER.newThresholdDecryption(dealt.publicOnly()).combine(sum, List.of(p3, p1)))
        .as("anyone with the public key combines").containsExactly(new double[] {2, -1, 0.5}, within(1e-5));
    assertThatThrownBy(() -> PROVIDER.newDecryption(shareKeys.get(0)))
        .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("is a 2-of-3 threshold key");
    assertThatThrownBy(() -> holder(1).combine(sum, List.of(p1)))
        .hasMessage("only 1 partial decryption (share holders [1]); this 2-of-3 key needs 2");
    assertThatThrownBy(() -> holder(1).combine(sum, List.of(p1, p1)))
        .hasMessageStartingWith("two partial decryptions by share holder 1");
  }

  @Test
  void aPartialDecryptionOfAnotherCiphertextOrAWrongOneIsRejected() throws Exception {
    HeCiphertext a = analyst.encrypt(new double[] {1, 2});
    HeCiphertext b = analyst.encrypt(new double[] {1, 2});
    byte[] pa = holder(1).partialDecrypt(a);
    byte[] pb = holder(2).partialDecrypt(b);

    assertThatThrownBy(() -> holder(1).combine(a, List.of(pa, pb)))
        .hasMessage("partial decryption is of another ciphertext");
    // a share holder who sends garbage (here: another holder's bytes relabelled) makes the slots fail their bounds
    byte[] forged = holder(2).partialDecrypt(a);
    forged[4 + 1 + 8 + 32 + 3] = 3; // claim share index 3
    assertThatThrownBy(() -> holder(1).combine(a, List.of(pa, forged))).isInstanceOf(GeneralSecurityException.class)
        .hasMessageMatching(".*(overflows its slots|exceeds the bound).*");
    assertThatThrownBy(() -> holder(1).combine(a, List.of(pa, new byte[] {1, 2, 3})))
        .hasMessage("not a paillier partial decryption: wrong magic bytes");
  }

  @Test
  void theDealtKeyIsOnlyForSplittingAndOrdinaryKeysCannotBeSplit() throws Exception {
    assertThat(shareKeys).hasSize(3);
    assertThat(holder(2).shareIndex()).isEqualTo(2);
    ThresholdDecryption combiner = PROVIDER.newThresholdDecryption(dealt.publicOnly());
    assertThat(combiner.shareIndex()).isZero();
    assertThatThrownBy(() -> PROVIDER.newThresholdDecryption(dealt)).hasMessageContaining("split it with splitShares");
    assertThatThrownBy(() -> PROVIDER.newDecryption(dealt)).hasMessageContaining("is a 2-of-3 threshold key");
    assertThatThrownBy(() -> combiner.partialDecrypt(analyst.encrypt(new double[] {1})))
        .hasMessageContaining("holds no share");
    KeyMaterial ordinary = PROVIDER.generateKeyPair(WEAK, new SecureRandom());
    assertThatThrownBy(() -> PROVIDER.splitShares(ordinary)).hasMessageStartingWith("not a dealt paillier threshold key");
    assertThatThrownBy(() -> PROVIDER.generateKeyPair(WEAK.with("threshold", "4").with("shareholders", "3"),
        new SecureRandom())).hasMessage("options of paillier must satisfy: threshold <= shareholders unless threshold is 0,"
        + " got threshold=4, shareholders=3");
  }
}
