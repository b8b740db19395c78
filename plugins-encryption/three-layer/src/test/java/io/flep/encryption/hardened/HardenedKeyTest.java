package io.flep.encryption.hardened;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HardenedKeyTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void defaultsAre256BitsBlock2NoiseOff() {
    HardenedKey key = generateHardenedKey(PluginOptions.empty(), random);

    assertThat(key.master().size()).isEqualTo(32);
    assertThat(key.blockSize()).isEqualTo(2);
    assertThat(key.noise()).isFalse();
    assertThat(key.noiseSigma()).isEqualTo(25.0);
    assertThat(key.publicPart()).hasSize(HardenedKey.PUBLIC_BYTES);
  }

  @Test
  void optionsSetKeySizeBlockAndNoise() {
    HardenedKey key = generateHardenedKey(PluginOptions.of(Map.of(
        "keySizeBits", "128", "blockSize", "4", "layers", "3", "noiseMean", "1.5", "noiseSigma", "10")), random);

    assertThat(key.master().size()).isEqualTo(16);
    assertThat(key.blockSize()).isEqualTo(4);
    assertThat(key.noise()).isTrue();
    assertThat(key.noiseMean()).isEqualTo(1.5);
    assertThat(key.noiseSigma()).isEqualTo(10.0);
    assertThat(generateHardenedKey(PluginOptions.empty().with("noise", "true"), random).noise()).isTrue();
  }

  @Test
  void rejectsBadOptionsNamingThem() {
    assertThatThrownBy(() -> gen("keySizeBits", "64"))
        .hasMessage("option 'keySizeBits' of flep-3layer-hardened must be one of 128, 192, 256, got '64'");
    assertThatThrownBy(() -> gen("layers", "1")).hasMessage("option 'layers' of flep-3layer-hardened must be one of 2, 3, got '1'");
    assertThatThrownBy(() -> gen("blockSize", "0")).hasMessage("option 'blockSize' of flep-3layer-hardened must be an integer in [1, 64], got '0'");
    assertThatThrownBy(() -> gen("noiseSigma", "-1")).hasMessageStartingWith("option 'noiseSigma' of flep-3layer-hardened must be").hasMessageContaining("128").hasMessageEndingWith("got '-1'");
    assertThatThrownBy(() -> gen("alpha", "0.3"))
        .hasMessageContaining("unknown option 'alpha' for flep-3layer-hardened")
        .hasMessageContaining("derived from key and nonce");
    assertThatThrownBy(() -> generateHardenedKey(
        PluginOptions.of(Map.of("layers", "2", "noise", "true")), random)).hasMessageContaining("must satisfy: layers=3 exactly when noise=true");
  }

  private HardenedKey gen(String name, String value) {
    return generateHardenedKey(PluginOptions.empty().with(name, value), random);
  }

  @Test
  void serialisedKeyRoundTripsThroughTheContainer() throws Exception {
    HardenedKey key = generateHardenedKey(PluginOptions.of(Map.of("blockSize", "8", "noise", "true")), random);

    KeyMaterial stored = KeyMaterial.deserialize(key.toKeyMaterial().serializeSecret(SecretAccess.get()));
    HardenedKey loaded = HardenedKey.fromKeyMaterial(stored);

    assertThat(stored.schemeId()).isEqualTo("flep-3layer-hardened");
    assertThat(stored.formatVersion()).isEqualTo(1);
    assertThat(loaded).isEqualTo(key);
  }

  @Test
  void loadingValidatesEveryField() {
    byte[] pub = generateHardenedKey(PluginOptions.empty(), random).publicPart();
    Optional<SecretBytes> secret = Optional.of(SecretBytes.randomBytes(32, random));
    byte[] badBlock = pub.clone();
    badBlock[0] = 0;
    byte[] badFlags = pub.clone();
    badFlags[1] = 2;
    byte[] nanSigma = pub.clone();
    nanSigma[10] = 0x7f;
    nanSigma[11] = (byte) 0xf8;

    assertThatThrownBy(() -> load(new KeyMaterial("aes-gcm", 1, pub, secret)))
        .hasMessage("key belongs to scheme 'aes-gcm', not 'flep-3layer-hardened'");
    assertThatThrownBy(() -> load(new KeyMaterial("flep-3layer-hardened", 2, pub, secret)))
        .hasMessage("unsupported flep-3layer-hardened key format version 2 (supported: 1)");
    assertThatThrownBy(() -> load(new KeyMaterial("flep-3layer-hardened", 1, pub)))
        .hasMessage("flep-3layer-hardened key holds no secret part");
    assertThatThrownBy(() -> load(new KeyMaterial("flep-3layer-hardened", 1, new byte[3], secret)))
        .hasMessage("corrupt flep-3layer-hardened key: parameters are 3 bytes, expected 18");
    assertThatThrownBy(() -> load(new KeyMaterial("flep-3layer-hardened", 1, badBlock, secret)))
        .hasMessage("corrupt flep-3layer-hardened key: blockSize must be 1..64, got 0");
    assertThatThrownBy(() -> load(new KeyMaterial("flep-3layer-hardened", 1, badFlags, secret)))
        .hasMessage("corrupt flep-3layer-hardened key: unknown flags 2");
    assertThatThrownBy(() -> load(new KeyMaterial("flep-3layer-hardened", 1, nanSigma, secret)))
        .hasMessageContaining("noiseSigma must be in");
    assertThatThrownBy(() -> load(new KeyMaterial("flep-3layer-hardened", 1, pub,
        Optional.of(SecretBytes.randomBytes(8, random)))))
        .hasMessage("corrupt flep-3layer-hardened key: flep-3layer-hardened master key must be 16, 24 or 32"
            + " bytes (128-256 bits), got 8");
  }

  private static HardenedKey load(KeyMaterial key) throws GeneralSecurityException {
    return HardenedKey.fromKeyMaterial(key);
  }

  @Test
  void toStringNeverShowsTheSecret() {
    HardenedKey key = generateHardenedKey(PluginOptions.empty(), random);
    String hex = HexFormat.of().formatHex(key.masterBytes());

    assertThat(key.toString()).doesNotContain(hex).contains("secret redacted").contains("256-bit");
  }

  /** Validates like the host, then generates. */
  static HardenedKey generateHardenedKey(PluginOptions options, java.security.SecureRandom random) {
    return HardenedKey.generate(HardenedParameters.ALL.validate("flep-3layer-hardened", options.asMap()), random);
  }
}
