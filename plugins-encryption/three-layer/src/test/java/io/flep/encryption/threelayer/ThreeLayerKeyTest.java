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
    ThreeLayerKey k = ThreeLayerKey.generate(PluginOptions.empty(), random);
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
    ThreeLayerKey k = ThreeLayerKey.generate(PluginOptions.of(Map.ofEntries(Map.entry("blockSize", "4"),
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
    assertThatThrownBy(() -> gen("bogus", "1")).hasMessageContaining("unknown flep-3layer option 'bogus'");
    assertThatThrownBy(() -> gen("alpha", "0.95")).hasMessageContaining("alphaLL must be in [0, 0.9]");
    assertThatThrownBy(() -> gen("alphaHL", "-0.1")).hasMessageContaining("alphaHL");
    assertThatThrownBy(() -> gen("layers", "4")).hasMessageContaining("layers must be 1, 2 or 3");
    assertThatThrownBy(() -> gen("blockSize", "0")).hasMessageContaining("blockSize");
    assertThatThrownBy(() -> gen("decryptOrder", "backwards")).hasMessage("plugin option 'decryptOrder' must be paper or reordered, got 'backwards'");
    assertThatThrownBy(() -> gen("x0", "1.5")).hasMessageContaining("'x0'/'r'/'burnIn'");
    assertThatThrownBy(() -> gen("burnIn", "-1")).hasMessageContaining("burn-in");
    assertThatThrownBy(() -> gen("noiseSigma", "abc")).hasMessageContaining("'noiseSigma' must be a finite number");
    assertThatThrownBy(() -> gen("denoiser", "Bad Id")).hasMessageContaining("invalid denoiser id");
  }

  @Test
  void serialisationRoundTripsEveryField() throws Exception {
    ThreeLayerKey k = ThreeLayerKey.generate(PluginOptions.empty().with("alphaLH", "0.45").with("decryptOrder", "paper"), random);
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
    byte[] good = ThreeLayerKey.generate(PluginOptions.empty(), random).toBytes();
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
    ThreeLayerKey k = ThreeLayerKey.generate(PluginOptions.empty(), random);
    ThreeLayerKey other = new ThreeLayerKey(k.map, k.blockSize, k.seed(), new double[] {0.3, 0.3, 0.3, 0.3}, k.noise,
        k.layers, k.noiseOn, DecryptOrder.PAPER, "dncnn");
    assertThat(other.encryptionBytes()).isEqualTo(k.encryptionBytes());
    assertThat(other.toBytes()).isNotEqualTo(k.toBytes());
  }

  @Test
  void toStringRedactsKeys() {
    ThreeLayerKey k = ThreeLayerKey.generate(PluginOptions.empty().with("x0", "0.987654321"), random);
    assertThat(k.toString()).doesNotContain("0.987654321").contains("block 2").contains("redacted");
  }

  private ThreeLayerKey gen(String name, String value) {
    return ThreeLayerKey.generate(PluginOptions.empty().with(name, value), random);
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
}
