package io.flep.he.paillier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.key.KeyMaterial;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scheme behaviour on 1024-bit test keys (allowWeakKeys), generated once for the class. */
class PaillierSchemeTest {
  static final PluginOptions WEAK = PluginOptions.empty().with("keyBits", "1024").with("allowWeakKeys", "true");
  static final PaillierSchemeProvider PROVIDER = new PaillierSchemeProvider();

  static KeyMaterial key;
  static KeyMaterial otherKey;
  static KeyMaterial smallHeadroomKey;
  static PaillierScheme scheme;

  @BeforeAll
  static void generateKeys() throws GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    key = PROVIDER.generateKeyPair(WEAK, random);
    otherKey = PROVIDER.generateKeyPair(WEAK, random);
    smallHeadroomKey = PROVIDER.generateKeyPair(WEAK.with("maxContributors", "3"), random);
    scheme = (PaillierScheme) PROVIDER.newDecryption(key);
  }

  private static double[] randomVector(Random random, int length, double bound) {
    double[] v = new double[length];
    for (int i = 0; i < length; i++) {
      v[i] = (random.nextDouble() * 2 - 1) * bound;
    }
    return v;
  }

  private static double tolerance(int contributors) {
    return Math.scalb(1.0, -(PaillierSchemeProvider.DEFAULT_FRACTION_BITS + 1)) * contributors;
  }

  @Test
  void sumOfThreeEncryptedVectorsEqualsThePlaintextSum() throws Exception {
    Random random = new Random(7);
    double[] a = randomVector(random, 100, 5);
    double[] b = randomVector(random, 100, 5);
    double[] c = randomVector(random, 100, 5);

    HeCiphertext sum = scheme.add(scheme.add(scheme.encrypt(a), scheme.encrypt(b)), scheme.encrypt(c));
    double[] decrypted = scheme.decrypt(sum);

    assertThat(sum.contributors()).isEqualTo(3);
    assertThat(sum.length()).isEqualTo(100);
    assertThat(((PaillierCiphertext) sum).ciphertextCount()).as("ceil(100 / 33) packed ciphertexts").isEqualTo(4);
    for (int i = 0; i < 100; i++) {
      assertThat(decrypted[i]).isCloseTo(a[i] + b[i] + c[i], within(tolerance(3)));
    }
  }

  @Test
  void negativeValuesSurviveEncryption() throws Exception {
    double[] v = {-0.5, -7.9, -1e-6, 0, -5.25};

    double[] back = scheme.decrypt(scheme.encrypt(v));

    for (int i = 0; i < v.length; i++) {
      assertThat(back[i]).isCloseTo(v[i], within(tolerance(1)));
    }
    assertThat(back[1]).isNegative();
  }

  @Test
  void clippedValuesAreCounted() throws Exception {
    PaillierScheme fresh = (PaillierScheme) PROVIDER.newDecryption(key);

    double[] back = fresh.decrypt(fresh.encrypt(new double[] {9, -1000, 5, 8}));

    assertThat(fresh.clippedValueCount()).isEqualTo(2);
    assertThat(back).containsExactly(8, -8, 5, 8);
  }

  @Test
  void scalarMultiplicationWeightsTheSum() throws Exception {
    double[] a = {1.25, -2.5, 3};
    double[] b = {0.5, 0.5, -1};

    HeCiphertext weighted = scheme.add(scheme.multiplyByScalar(scheme.encrypt(a), 3), scheme.encrypt(b));
    double[] back = scheme.decrypt(weighted);

    assertThat(weighted.contributors()).isEqualTo(4);
    assertThat(back[0]).isCloseTo(4.25, within(tolerance(4)));
    assertThat(back[1]).isCloseTo(-7.0, within(tolerance(4)));
    assertThat(back[2]).isCloseTo(8.0, within(tolerance(4)));
    assertThatThrownBy(() -> scheme.multiplyByScalar(scheme.encrypt(a), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("scalar must be at least 1");
  }

  @Test
  void contributorHeadroomOverflowIsRejectedBeforeItCanWrap() throws Exception {
    PaillierScheme small = (PaillierScheme) PROVIDER.newDecryption(smallHeadroomKey);
    double[] max = new double[30];
    Arrays.fill(max, 8);
    HeCiphertext three = small.add(small.add(small.encrypt(max), small.encrypt(max)), small.encrypt(max));

    assertThat(small.decrypt(three)).as("at the limit the sum is still exact").containsOnly(24.0);
    assertThatThrownBy(() -> small.add(three, small.encrypt(max)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("adding would sum 4 contributions, but this key's packing has headroom for at most 3"
            + " (key option maxContributors); the packed slots would overflow");
    assertThatThrownBy(() -> small.multiplyByScalar(small.encrypt(max), 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> small.multiplyByScalar(three, Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    assertThat(small.maxContributors()).isEqualTo(3);
  }

  @Test
  void ciphertextUnderAnotherKeyIsRejected() throws Exception {
    PaillierScheme other = (PaillierScheme) PROVIDER.newDecryption(otherKey);
    HeCiphertext foreign = other.encrypt(new double[] {1, 2});
    HeCiphertext mine = scheme.encrypt(new double[] {1, 2});

    assertThat(foreign.keyFingerprint()).isNotEqualTo(mine.keyFingerprint());
    assertThatThrownBy(() -> scheme.add(mine, foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ciphertext was made under paillier key " + foreign.keyFingerprint()
            + ", not this scheme's key " + scheme.keyFingerprint());
    assertThatThrownBy(() -> scheme.parse(foreign.toBytes()))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("was made under key " + foreign.keyFingerprint());
    assertThatThrownBy(() -> scheme.decrypt(foreign)).isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void differentLengthsCannotBeAdded() {
    assertThatThrownBy(() -> scheme.add(scheme.encrypt(new double[3]), scheme.encrypt(new double[4])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot add encrypted vectors of different lengths: 3 and 4");
  }

  @Test
  void serialisedCiphertextParsesBackAndDecrypts() throws Exception {
    double[] v = randomVector(new Random(3), 60, 7);
    HeCiphertext sum = scheme.add(scheme.encrypt(v), scheme.encrypt(v));

    HeCiphertext parsed = scheme.parse(sum.toBytes());

    assertThat(parsed.contributors()).isEqualTo(2);
    assertThat(parsed.length()).isEqualTo(60);
    assertThat(parsed.toBytes()).isEqualTo(sum.toBytes());
    double[] back = scheme.decrypt(parsed);
    for (int i = 0; i < v.length; i++) {
      assertThat(back[i]).isCloseTo(2 * v[i], within(tolerance(2)));
    }
  }

  @Test
  void truncatedOrAlteredCiphertextIsRejected() {
    byte[] good = scheme.encrypt(new double[] {1, 2, 3, 4}).toBytes();

    for (int len : new int[] {0, 3, 4, 12, 20, 30, 33, 100, good.length - 1}) {
      byte[] cut = Arrays.copyOf(good, len);
      assertThatThrownBy(() -> scheme.parse(cut)).as("%d of %d bytes", len, good.length)
          .isInstanceOf(GeneralSecurityException.class);
    }
    assertThat(good).as("29-byte header and one fixed-width 1024-bit-key ciphertext").hasSize(29 + 256);
    assertThatThrownBy(() -> scheme.parse(Arrays.copyOf(good, good.length - 1))).hasMessage("corrupt paillier"
        + " ciphertext: 1 ciphertexts of 256 bytes need 256 bytes, but 255 follow the header (truncated or padded)");
    assertThatThrownBy(() -> scheme.parse(Arrays.copyOf(good, good.length + 1))).hasMessage("corrupt paillier"
        + " ciphertext: 1 ciphertexts of 256 bytes need 256 bytes, but 257 follow the header (truncated or padded)");
    byte[] version = good.clone();
    version[4] = 1;
    assertThatThrownBy(() -> scheme.parse(version)).hasMessage("unsupported paillier ciphertext version 1"
        + " (supported: 2; version 1 was written before fixed-width packing v2: encrypt the update again under a"
        + " new key)");
    byte[] contributors = good.clone();
    contributors[17] = 1; // most significant byte of the contributors field: 2^24 + 1
    assertThatThrownBy(() -> scheme.parse(contributors)).hasMessageContaining("contributor count 16777217 is outside [1, 64]");
  }

  @Test
  void publicOnlyKeyEncryptsAndAddsButCannotDecrypt() throws Exception {
    HomomorphicEncryption analyst = PROVIDER.newEncryption(key.publicOnly());
    HeCiphertext sum = analyst.add(analyst.encrypt(new double[] {1.5}), analyst.encrypt(new double[] {2}));

    assertThatThrownBy(() -> PROVIDER.newDecryption(key.publicOnly()))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("paillier key " + analyst.keyFingerprint() + " holds no secret key; only the key holder can decrypt");
    assertThat(scheme.decrypt(scheme.parse(sum.toBytes()))).containsExactly(3.5);
  }

  @Test
  void rejectsNonFiniteValues() {
    assertThatThrownBy(() -> scheme.encrypt(new double[] {0, Double.POSITIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1 is Infinity");
  }
}
