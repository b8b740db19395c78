package io.flep.he.paillier;

import static io.flep.he.paillier.PaillierSchemeTest.WEAK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flep.plugin.api.he.CombinationRefusedException;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.he.ThresholdDecryption;
import io.flep.plugin.api.key.KeyMaterial;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 2-of-3 threshold key (1024-bit safe-prime modulus) through the plugin's public API, as the workers use it, and
 * the cheating share holders of issue 14: a partial decryption shifted by (1 + n)<sup>x</sup>, one made with another
 * share (with a proof that is correct for that share), one of another ciphertext, one with its index altered or
 * claiming another holder's. Each is detected, its sender named, and the sum still decrypted correctly from the two
 * honest holders; with fewer than two honest holders nothing is decrypted and the cheaters are named.
 */
class ThresholdPaillierSchemeTest {
  static final PaillierSchemeProvider PROVIDER = new PaillierSchemeProvider();
  static final SecureRandom RANDOM = new SecureRandom();
  static final int VALUES = 100; // 33 values per 1024-bit ciphertext: 4 Paillier ciphertexts, one batched proof
  static KeyMaterial dealt;
  static List<KeyMaterial> shareKeys;
  static PaillierKeyCodec.Decoded decoded;
  static ThresholdPublicKey key;
  static HomomorphicEncryption analyst;
  static double[] expected;
  static HeCiphertext sum;
  static byte[] sumDigest;
  static byte[][] honest;

  @BeforeAll
  static void deal() throws GeneralSecurityException {
    dealt = PROVIDER.generateKeyPair(WEAK.with("threshold", "2").with("shareholders", "3"), RANDOM);
    shareKeys = PROVIDER.splitShares(dealt);
    decoded = PaillierKeyCodec.decode(dealt);
    key = decoded.thresholdKey().orElseThrow();
    analyst = PROVIDER.newEncryption(dealt.publicOnly());
    Random values = new Random(14);
    double[] x = values.doubles(VALUES, -1, 1).toArray();
    double[] y = values.doubles(VALUES, -1, 1).toArray();
    expected = new double[VALUES];
    Arrays.setAll(expected, i -> x[i] + y[i]);
    sum = analyst.add(analyst.encrypt(x), analyst.encrypt(y));
    sumDigest = PaillierPublicKey.sha256(sum.toBytes());
    honest = new byte[3][];
    for (int i = 1; i <= 3; i++) {
      honest[i - 1] = holder(i).partialDecrypt(sum);
    }
  }

  private static ThresholdPaillierScheme holder(int index) throws GeneralSecurityException {
    return (ThresholdPaillierScheme) PROVIDER.newThresholdDecryption(shareKeys.get(index - 1));
  }

  private static ThresholdDecryption combiner() throws GeneralSecurityException {
    return PROVIDER.newThresholdDecryption(dealt.publicOnly());
  }

  private static int ciphertexts() {
    return ((PaillierCiphertext) sum).ciphertextCount();
  }

  private static ThresholdPaillierScheme.Parsed parse(byte[] partial, byte[] digest) throws GeneralSecurityException {
    return holder(1).parsePartial(partial, digest, ciphertexts());
  }

  @Test
  void twoShareHoldersDecryptTheAggregateTogetherAndNoOneAlone() throws Exception {
    assertThat(ciphertexts()).isEqualTo(4);
    ThresholdDecryption.Combination all = combiner().combine(sum, Map.of(1, honest[0], 2, honest[1], 3, honest[2]));
    assertThat(all.sum()).containsExactly(expected, within(1e-5));
    assertThat(all.combined()).containsExactly(1, 2);
    assertThat(all.excluded()).isEmpty();

    ThresholdDecryption.Combination two = holder(2).combine(sum, Map.of(3, honest[2], 1, honest[0]));
    assertThat(two.sum()).as("a holder combines too").containsExactly(expected, within(1e-5));
    assertThat(two.combined()).containsExactly(1, 3);

    assertThatThrownBy(() -> PROVIDER.newDecryption(shareKeys.get(0)))
        .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("is a 2-of-3 threshold key");
    assertThatThrownBy(() -> combiner().combine(sum, Map.of(1, honest[0])))
        .isInstanceOf(CombinationRefusedException.class)
        .hasMessage("only 1 valid partial decryption (share holders [1]), but 2 are needed");
    assertThatThrownBy(() -> combiner().combine(sum, Map.of(4, honest[0])))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("share index 4 is outside [1, 3]");
  }

  @Test
  void aHolderShiftingItsPartialByAPowerOfOnePlusNIsNamedAndTheSumStillDecrypts() throws Exception {
    // holder 3 wants the sum combined from {1, 3} to read +2.0 at value 1 (ciphertext 0, slot 1): the combination
    // raises c_3 to 2·μ_3 = −6 and divides by 4Δ² = 144, so it multiplies part 0 by (1 + n)^x, x = δ·144·(−6)⁻¹
    BigInteger n = key.paillier().n();
    FixedPointPacker packer = decoded.packer();
    BigInteger delta = BigInteger.TWO.shiftLeft(20).shiftLeft(packer.slotBits());
    BigInteger x = delta.multiply(BigInteger.valueOf(144)).multiply(BigInteger.valueOf(-6).mod(n).modInverse(n)).mod(n);
    ThresholdPaillierScheme.Parsed p3 = parse(honest[2], sumDigest);
    BigInteger[] shifted = p3.parts().clone();
    shifted[0] = shifted[0].multiply(n.add(BigInteger.ONE).modPow(x, key.paillier().nSquared()))
        .mod(key.paillier().nSquared());
    byte[] cheat = holder(3).encode(sumDigest, 3, shifted, p3.proof());

    // without the proofs this is what the old combination did: the shift lands exactly, and the slot bounds accept it
    BigInteger[] p1 = parse(honest[0], sumDigest).parts();
    BigInteger[] plaintexts = new BigInteger[ciphertexts()];
    for (int j = 0; j < plaintexts.length; j++) {
      plaintexts[j] = key.combine(new int[] {1, 3}, new BigInteger[] {p1[j], shifted[j]});
    }
    double[] shiftedSum = packer.unpack(plaintexts, VALUES, 2);
    assertThat(shiftedSum[1]).isCloseTo(expected[1] + 2, within(1e-5));
    assertThat(shiftedSum[0]).isCloseTo(expected[0], within(1e-5));

    ThresholdDecryption.Combination c = combiner().combine(sum, Map.of(1, honest[0], 2, honest[1], 3, cheat));
    assertThat(c.sum()).containsExactly(expected, within(1e-5));
    assertThat(c.combined()).containsExactly(1, 2);
    assertThat(c.excluded()).containsOnlyKeys(3);
    assertThat(c.excluded().get(3)).startsWith("its proof of correct decryption fails against verification key 3");
  }

  @Test
  void aPartialMadeWithAnotherShareAndAProofForThatShareIsNamed() throws Exception {
    ThresholdPaillier.Share other = new ThresholdPaillier.Share(3, decoded.shares().get(2).value().add(BigInteger.ONE));
    BigInteger[] parts = ((PaillierCiphertext) sum).parts();
    BigInteger[] partial = Arrays.stream(parts).map(c -> key.partialDecrypt(other, c)).toArray(BigInteger[]::new);
    byte[] cheat = holder(3).encode(sumDigest, 3, partial, key.prove(other, sumDigest, parts, partial, RANDOM));

    ThresholdDecryption.Combination c = combiner().combine(sum, Map.of(1, honest[0], 2, honest[1], 3, cheat));
    assertThat(c.sum()).containsExactly(expected, within(1e-5));
    assertThat(c.excluded()).containsOnlyKeys(3);
    assertThat(c.excluded().get(3)).contains("not made with share 3");

    // holder 1's partial and proof, relabelled as holder 3's (a proof made for another share)
    ThresholdPaillierScheme.Parsed p1 = parse(honest[0], sumDigest);
    byte[] relabelled = holder(3).encode(sumDigest, 3, p1.parts(), p1.proof());
    ThresholdDecryption.Combination r = combiner().combine(sum, Map.of(2, honest[1], 3, relabelled, 1, honest[0]));
    assertThat(r.combined()).containsExactly(1, 2);
    assertThat(r.excluded()).containsOnlyKeys(3);
  }

  @Test
  void aPartialOfAnotherCiphertextIsNamed() throws Exception {
    HeCiphertext other = analyst.add(analyst.encrypt(new double[VALUES]), analyst.encrypt(new double[VALUES]));
    byte[] otherDigest = PaillierPublicKey.sha256(other.toBytes());
    byte[] asIs = holder(3).partialDecrypt(other);
    ThresholdPaillierScheme.Parsed p = parse(asIs, otherDigest);
    byte[] relabelled = holder(3).encode(sumDigest, 3, p.parts(), p.proof()); // claims to be of the sum

    ThresholdDecryption.Combination a = combiner().combine(sum, Map.of(1, honest[0], 2, honest[1], 3, asIs));
    assertThat(a.sum()).containsExactly(expected, within(1e-5));
    assertThat(a.excluded()).containsExactly(Map.entry(3, "partial decryption is of another ciphertext"));

    ThresholdDecryption.Combination b = combiner().combine(sum, Map.of(1, honest[0], 2, honest[1], 3, relabelled));
    assertThat(b.sum()).containsExactly(expected, within(1e-5));
    assertThat(b.excluded()).containsOnlyKeys(3);
    assertThat(b.excluded().get(3)).startsWith("its proof of correct decryption fails");
  }

  @Test
  void aPartialWithItsIndexAlteredOrClaimingAnotherHolderIsNamed() throws Exception {
    // holder 3 sends holder 2's partial decryption with the index changed to its own
    byte[] altered = honest[1].clone();
    altered[ThresholdPaillierScheme.HEADER_BYTES - 5] = 3; // last byte of the share index
    assertThat(parse(altered, sumDigest).index()).isEqualTo(3);
    ThresholdDecryption.Combination a = combiner().combine(sum, Map.of(1, honest[0], 2, honest[1], 3, altered));
    assertThat(a.sum()).containsExactly(expected, within(1e-5));
    assertThat(a.excluded()).containsOnlyKeys(3);
    assertThat(a.excluded().get(3)).startsWith("its proof of correct decryption fails against verification key 3");

    // holder 3 forwards holder 2's partial decryption unchanged: the caller attributes it to its sender, 3
    ThresholdDecryption.Combination b = combiner().combine(sum, Map.of(1, honest[0], 2, honest[1], 3, honest[1]));
    assertThat(b.sum()).containsExactly(expected, within(1e-5));
    assertThat(b.combined()).containsExactly(1, 2);
    assertThat(b.excluded()).containsExactly(Map.entry(3, "its partial decryption claims share index 2"));
  }

  @Test
  void fewerThanThresholdHonestHoldersIsRefusedNamingEveryCheater() throws Exception {
    byte[] altered = honest[0].clone();
    altered[ThresholdPaillierScheme.HEADER_BYTES - 5] = 2;
    byte[] flipped = honest[2].clone();
    flipped[ThresholdPaillierScheme.HEADER_BYTES + 10] ^= 1; // a bit of holder 3's first partial ciphertext

    assertThatThrownBy(() -> combiner().combine(sum, Map.of(1, honest[0], 2, altered, 3, flipped)))
        .isInstanceOfSatisfying(CombinationRefusedException.class, e -> {
          assertThat(e.threshold()).isEqualTo(2);
          assertThat(e.valid()).containsExactly(1);
          assertThat(e.excluded()).containsOnlyKeys(2, 3);
        })
        .hasMessageStartingWith("only 1 valid partial decryption (share holders [1]), but 2 are needed; excluded:"
            + " share holder 2 (its proof of correct decryption fails against verification key 2")
        .hasMessageContaining(", share holder 3 (its proof of correct decryption fails against verification key 3");
    assertThatThrownBy(() -> combiner().combine(sum, Map.of(2, altered, 3, flipped)))
        .isInstanceOf(CombinationRefusedException.class)
        .hasMessageStartingWith("only 0 valid partial decryptions, but 2 are needed; excluded: share holder 2");
  }

  @Test
  void malformedForeignAndOldPartialDecryptionsAreExcludedWithTheReason() throws Exception {
    byte[] version1 = honest[1].clone();
    version1[4] = 1;
    byte[] foreign = honest[2].clone();
    foreign[5] ^= 1; // key fingerprint
    byte[] truncated = Arrays.copyOf(honest[2], honest[2].length - 1);

    assertThatThrownBy(() -> combiner().combine(sum, Map.of(1, honest[0], 2, version1, 3, new byte[] {1, 2, 3})))
        .isInstanceOfSatisfying(CombinationRefusedException.class, e -> assertThat(e.excluded()).containsExactly(
            Map.entry(2, "unsupported paillier partial decryption version 1 (supported: 2; version 1 carries no proof"
                + " of correct decryption)"),
            Map.entry(3, "not a paillier partial decryption: wrong magic bytes")));
    ThresholdDecryption.Combination c = combiner().combine(sum, Map.of(1, honest[0], 2, honest[1], 3, foreign));
    assertThat(c.excluded().get(3)).isEqualTo("partial decryption was made under another key, not "
        + key.paillier().fingerprint());
    assertThat(combiner().combine(sum, Map.of(1, honest[0], 2, honest[1], 3, truncated)).excluded().get(3))
        .startsWith("corrupt paillier partial decryption: ");
  }

  @Test
  void theDealtKeyIsOnlyForSplittingAndOrdinaryKeysCannotBeSplit() throws Exception {
    assertThat(shareKeys).hasSize(3);
    assertThat(dealt.formatVersion()).isEqualTo(4);
    assertThat(shareKeys).allSatisfy(k -> assertThat(k.formatVersion()).isEqualTo(4));
    assertThat(PaillierKeyCodec.decode(dealt).publicKey().hs()).as("threshold keys get h_s too").isPresent();
    assertThat(holder(2).shareIndex()).isEqualTo(2);
    ThresholdDecryption combiner = combiner();
    assertThat(combiner.shareIndex()).isZero();
    assertThat(combiner.threshold()).isEqualTo(2);
    assertThat(combiner.shareholders()).isEqualTo(3);
    assertThatThrownBy(() -> PROVIDER.newThresholdDecryption(dealt)).hasMessageContaining("split it with splitShares");
    assertThatThrownBy(() -> PROVIDER.newDecryption(dealt)).hasMessageContaining("is a 2-of-3 threshold key");
    assertThatThrownBy(() -> combiner.partialDecrypt(analyst.encrypt(new double[] {1})))
        .hasMessageContaining("holds no share");
    KeyMaterial ordinary = PROVIDER.generateKeyPair(WEAK, RANDOM);
    assertThatThrownBy(() -> PROVIDER.splitShares(ordinary))
        .hasMessageStartingWith("not a dealt paillier threshold key");
    assertThatThrownBy(() -> PROVIDER.generateKeyPair(WEAK.with("threshold", "4").with("shareholders", "3"), RANDOM))
        .hasMessage("options of paillier must satisfy: threshold <= shareholders unless threshold is 0,"
            + " got threshold=4, shareholders=3");
  }

  @Test
  void aShareThatDoesNotMatchItsVerificationKeyAndOldThresholdKeysAreRefused() throws Exception {
    ThresholdPaillier.Share wrong = new ThresholdPaillier.Share(2, decoded.shares().get(1).value().add(BigInteger.ONE));
    KeyMaterial corrupt = PaillierKeyCodec.encodeShare(key, decoded.packer(), wrong);
    assertThatThrownBy(() -> PROVIDER.newThresholdDecryption(corrupt))
        .hasMessage("share 2 of paillier key " + key.paillier().fingerprint()
            + " does not match its verification key: the share or the key is corrupt");

    KeyMaterial version2 = new KeyMaterial("paillier", 2, dealt.publicPart());
    assertThatThrownBy(() -> PROVIDER.newEncryption(version2))
        .hasMessageStartingWith("paillier threshold key of format version 2 has no verification keys");
  }
}
