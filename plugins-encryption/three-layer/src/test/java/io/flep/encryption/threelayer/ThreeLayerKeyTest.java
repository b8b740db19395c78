package io.flep.encryption.threelayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.encryption.threelayer.layers.HaarDwt2d;
import io.flep.plugin.api.PluginOptions;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreeLayerKeyTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void defaultsFollowThePlan() {
    ThreeLayerKey k = generateThreeLayerKey(PluginOptions.empty(), random);
    assertThat(k.blockSize).isEqualTo(2);
    assertThat(k.alpha(HaarDwt2d.LL)).isEqualTo(0.3);
    assertThat(k.alpha(HaarDwt2d.HH)).isEqualTo(0.3);
    assertThat(k.noise.mean()).isEqualTo(0);
    assertThat(k.noise.sigma()).isEqualTo(25);
    assertThat(k.layers).isEqualTo(3);
    assertThat(k.addsNoise()).isTrue();
    assertThat(k.decryptOrder).isEqualTo(DecryptOrder.REORDERED);
    assertThat(k.denoiserId).isEqualTo("wiener");
    assertThat(k.map.r()).isBetween(3.99, 4.0);
    assertThat(k.map.burnIn()).isEqualTo(1000);
    assertThat(k.sigmaAfterUnblend()).isCloseTo(25 / 0.7, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void optionsSetEveryField() {
    ThreeLayerKey k = generateThreeLayerKey(PluginOptions.of(Map.ofEntries(Map.entry("blockSize", "4"),
        Map.entry("alpha", "0.2"), Map.entry("alphaHH", "0.5"), Map.entry("noise", "false"), Map.entry("noiseMean", "2"),
        Map.entry("noiseSigma", "10"), Map.entry("layers", "2"), Map.entry("decryptOrder", "paper"),
        Map.entry("denoiser", "dncnn"), Map.entry("x0", "0.123"), Map.entry("r", "3.9"), Map.entry("burnIn", "5"))), random);
    assertThat(k.blockSize).isEqualTo(4);
    assertThat(new double[] {k.alpha(0), k.alpha(1), k.alpha(2), k.alpha(3)}).containsExactly(0.2, 0.2, 0.2, 0.5);
    assertThat(k.noiseOn).isFalse();
    assertThat(k.addsNoise()).isFalse();
    assertThat(k.noise.mean()).isEqualTo(2);
    assertThat(k.noise.sigma()).isEqualTo(10);
    assertThat(k.layers).isEqualTo(2);
    assertThat(k.decryptOrder).isEqualTo(DecryptOrder.PAPER);
    assertThat(k.denoiserId).isEqualTo("dncnn");
    assertThat(k.map.x0()).isEqualTo(0.123);
    assertThat(k.map.r()).isEqualTo(3.9);
    assertThat(k.map.burnIn()).isEqualTo(5);
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(() -> gen("bogus", "1")).hasMessageStartingWith("unknown option 'bogus' for flep-3layer (known: blockSize, alpha");
    assertThatThrownBy(() -> gen("alpha", "0.95")).hasMessageStartingWith("option 'alpha' of flep-3layer must be").hasMessageContaining("0.9").hasMessageEndingWith("got '0.95'");
    assertThatThrownBy(() -> gen("alphaHL", "-0.1")).hasMessageContaining("alphaHL");
    assertThatThrownBy(() -> gen("layers", "4")).hasMessage("option 'layers' of flep-3layer must be an integer in [1, 3], got '4'");
    assertThatThrownBy(() -> gen("blockSize", "0")).hasMessageContaining("blockSize");
    assertThatThrownBy(() -> gen("decryptOrder", "backwards")).hasMessage("option 'decryptOrder' of flep-3layer must be one of paper, reordered, got 'backwards'");
    assertThatThrownBy(() -> gen("x0", "1.5")).hasMessageStartingWith("option 'x0' of flep-3layer must be").hasMessageEndingWith("got '1.5'");
    assertThatThrownBy(() -> gen("burnIn", "-1")).hasMessage("option 'burnIn' of flep-3layer must be an integer in [0, 1000000], got '-1'");
    assertThatThrownBy(() -> gen("noiseSigma", "abc")).hasMessageStartingWith("option 'noiseSigma' of flep-3layer must be").hasMessageEndingWith("got 'abc'");
    assertThatThrownBy(() -> gen("denoiser", "Bad Id")).hasMessageStartingWith("option 'denoiser' of flep-3layer must be a denoiser plugin id");
  }

  @Test
  void serialisationRoundTripsEveryField() throws Exception {
    ThreeLayerKey k = generateThreeLayerKey(PluginOptions.empty().with("alphaLH", "0.45").with("decryptOrder", "paper"), random);
    byte[] bytes = k.toBytes();
    ThreeLayerKey back = ThreeLayerKey.fromBytes(bytes);
    assertThat(back.toBytes()).isEqualTo(bytes);
    assertThat(back.map.x0()).isEqualTo(k.map.x0());
    assertThat(back.seed()).isEqualTo(k.seed());
    assertThat(back.alpha(HaarDwt2d.LH)).isEqualTo(0.45);
    assertThat(back.decryptOrder).isEqualTo(DecryptOrder.PAPER);
    assertThat(bytes).hasSize(105 + "wiener".length());
  }

  @Test
  void corruptKeysAreRejectedNamingTheField() {
    byte[] good = generateThreeLayerKey(PluginOptions.empty(), random).toBytes();
    assertThatThrownBy(() -> ThreeLayerKey.fromBytes(new byte[10])).isInstanceOf(GeneralSecurityException.class).hasMessageContaining("10 bytes");
    assertThatThrownBy(() -> ThreeLayerKey.fromBytes(java.util.Arrays.copyOf(good, good.length - 1))).hasMessageContaining("denoiser id length");
    assertThatThrownBy(() -> ThreeLayerKey.fromBytes(java.util.Arrays.copyOf(good, good.length + 1))).hasMessageContaining("denoiser id length");
    assertThatThrownBy(() -> ThreeLayerKey.fromBytes(patchDouble(good, 0, 0.0))).hasMessageContaining("x0 must be in (0, 1)");
    assertThatThrownBy(() -> ThreeLayerKey.fromBytes(patchDouble(good, 8, Double.NaN))).hasMessageContaining("r must be in");
    assertThatThrownBy(() -> ThreeLayerKey.fromBytes(patch(good, 20, 0))).hasMessageContaining("blockSize");
    assertThatThrownBy(() -> ThreeLayerKey.fromBytes(patchDouble(good, 53, 1.0))).hasMessageContaining("alphaLL");
    assertThatThrownBy(() -> ThreeLayerKey.fromBytes(patchDouble(good, 93, -3))).hasMessageContaining("noise sigma");
    assertThatThrownBy(() -> ThreeLayerKey.fromBytes(patch(good, 101, 0))).hasMessageContaining("layers");
    assertThatThrownBy(() -> ThreeLayerKey.fromBytes(patch(good, 102, 2))).hasMessageContaining("noise flag 2");
    assertThatThrownBy(() -> ThreeLayerKey.fromBytes(patch(good, 103, 7))).hasMessageContaining("unknown decrypt order 7");
    assertThatThrownBy(() -> ThreeLayerKey.fromBytes(patch(good, 105, 'W'))).hasMessageContaining("invalid denoiser id");
  }

  @Test
  void encryptionBytesIgnoreDecryptSideSettings() {
    ThreeLayerKey k = generateThreeLayerKey(PluginOptions.empty(), random);
    ThreeLayerKey other = new ThreeLayerKey(k.map, k.blockSize, k.seed(), new double[] {0.3, 0.3, 0.3, 0.3}, k.noise,
        k.layers, k.noiseOn, DecryptOrder.PAPER, "dncnn");
    assertThat(other.encryptionBytes()).isEqualTo(k.encryptionBytes());
    assertThat(other.toBytes()).isNotEqualTo(k.toBytes());
  }

  @Test
  void toStringRedactsKeys() {
    ThreeLayerKey k = generateThreeLayerKey(PluginOptions.empty().with("x0", "0.987654321"), random);
    assertThat(k.toString()).doesNotContain("0.987654321").contains("block 2").contains("redacted");
  }

  private ThreeLayerKey gen(String name, String value) {
    return generateThreeLayerKey(PluginOptions.empty().with(name, value), random);
  }

  private static byte[] patch(byte[] b, int at, int value) {
    byte[] c = b.clone();
    c[at] = (byte) value;
    return c;
  }

  private static byte[] patchDouble(byte[] b, int at, double value) {
    byte[] c = b.clone();
    ByteBuffer.wrap(c).putDouble(at, value);
    return c;
  }

  /** Validates like the host, then generates. */
  static ThreeLayerKey generateThreeLayerKey(PluginOptions options, java.security.SecureRandom random) {
    return ThreeLayerKey.generate(ThreeLayerParameters.ALL.validate("flep-3layer", options.asMap()), random);
  }
}
