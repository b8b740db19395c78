package io.flep.he.paillier;

import static io.flep.he.paillier.PaillierSchemeTest.WEAK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.plugin.api.PluginDescriptor;
import io.flep.plugin.api.PluginKind;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicDecryption;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.host.PluginRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PaillierSchemeProviderTest {
  private final PaillierSchemeProvider provider = new PaillierSchemeProvider();
  private final SecureRandom random = new SecureRandom();

  @Test
  void keyBitsPolicy() {
    assertThatThrownBy(() -> provider.generateKeyPair(PluginOptions.empty().with("keyBits", "1024"), random))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("options of paillier must satisfy: keyBits 1024 or 1536 only with allowWeakKeys=true,"
            + " got keyBits=1024, allowWeakKeys=false");
    assertThatThrownBy(() -> provider.generateKeyPair(WEAK.with("keyBits", "512"), random))
        .hasMessageContaining("got '512'");
    assertThatThrownBy(() -> provider.generateKeyPair(WEAK.with("fractionBits", "lots"), random))
        .hasMessage("option 'fractionBits' of paillier must be an integer in [0, 48], got 'lots'");
  }

  @Test
  void keySerialisationRoundTripsWithPackingParameters() throws Exception {
    KeyMaterial key = provider.generateKeyPair(WEAK.with("fractionBits", "16").with("clipBound", "2.5")
        .with("maxContributors", "10"), random);

    KeyMaterial restored = KeyMaterial.deserialize(key.serializeSecret(SecretAccess.get()));
    PaillierScheme scheme = (PaillierScheme) provider.newDecryption(restored);
    PaillierScheme analyst = (PaillierScheme) provider.newEncryption(KeyMaterial.deserialize(key.serializePublic()));

    assertThat(scheme.packer().fractionBits()).isEqualTo(16);
    assertThat(scheme.packer().clipBound()).isEqualTo(2.5);
    assertThat(scheme.maxContributors()).isEqualTo(10);
    assertThat(scheme.hasSecretKey()).isTrue();
    assertThat(analyst.hasSecretKey()).isFalse();
    assertThat(analyst.keyFingerprint()).isEqualTo(scheme.keyFingerprint()).hasSize(16);
    assertThat(scheme.decrypt(analyst.encrypt(new double[] {1.25, -2.5, 3}))).containsExactly(1.25, -2.5, 2.5);
  }

  @Test
  void rejectsForeignMalformedAndTooSmallKeys() throws Exception {
    KeyMaterial aes = new KeyMaterial("aes-gcm", 1, new byte[0]);
    KeyMaterial garbage = new KeyMaterial("paillier", 2, new byte[] {1, 2, 3});
    KeyMaterial old = new KeyMaterial("paillier", 1, new byte[0]);
    KeyMaterial future = new KeyMaterial("paillier", 5, new byte[0]);
    KeyMaterial tiny = PaillierKeyCodec.encode(PaillierKeyPair.generate(512, random), new FixedPointPacker(24, 64, 32, 512));

    assertThatThrownBy(() -> provider.newEncryption(aes))
        .isInstanceOf(GeneralSecurityException.class).hasMessage("key belongs to scheme 'aes-gcm', not 'paillier'");
    assertThatThrownBy(() -> provider.newEncryption(garbage)).hasMessageStartingWith("corrupt paillier public key: truncated");
    assertThatThrownBy(() -> provider.newEncryption(future))
        .hasMessage("unsupported paillier key format version 5 (supported: 4, 3, and 2 for ordinary keys)");
    assertThatThrownBy(() -> provider.newEncryption(old)).hasMessage("unsupported paillier key format version 1"
        + " (supported: 4, 3, and 2 for ordinary keys; version 1 keys used the earlier packing: issue a new key)");
    assertThatThrownBy(() -> provider.newEncryption(tiny))
        .hasMessage("corrupt paillier public key: modulus has 512 bits; at least 1024 are required");
  }

  @Test
  void ordinaryKeysOfFormatVersion2AreStillRead() throws Exception {
    KeyMaterial key = PaillierKeyCodec.encode(withoutHs(PaillierKeyPair.generate(1024, random)),
        new FixedPointPacker(20, 8, 64, 1024));
    assertThat(key.formatVersion()).as("a key without h_s is written as version 3").isEqualTo(3);
    KeyMaterial version2 = new KeyMaterial("paillier", 2, key.publicPart(), key.secretPart());

    HomomorphicDecryption scheme = provider.newDecryption(version2);

    assertThat(scheme.decrypt(provider.newEncryption(key).encrypt(new double[] {1.5, -2}))).containsExactly(1.5, -2);
  }

  @Test
  void newKeysAreFormat4WithHsAndFormat3KeysStillEncryptTheTextbookWay() throws Exception {
    KeyMaterial key = provider.generateKeyPair(WEAK, random);
    assertThat(key.formatVersion()).isEqualTo(4);
    PaillierKeyCodec.Decoded d = PaillierKeyCodec.decode(key);
    assertThat(d.publicKey().hs()).isPresent();
    assertThat(PaillierKeyCodec.decode(key.publicOnly()).publicKey()).isEqualTo(d.publicKey());

    // the same key written without h_s, as format 3: read, and encrypts with r^n (no table built for it)
    KeyMaterial v3 = PaillierKeyCodec.encode(withoutHs(new PaillierKeyPair(d.publicKey(), d.privateKey().orElseThrow())),
        d.packer());
    assertThat(v3.formatVersion()).isEqualTo(3);
    PaillierKeyCodec.Decoded old = PaillierKeyCodec.decode(v3);
    assertThat(old.publicKey().hs()).isEmpty();
    double[] values = {0.25, -1.5, 3};
    HeCiphertext c = provider.newEncryption(v3.publicOnly()).encrypt(values);
    assertThat(provider.newDecryption(key).decrypt(c)).as("format-3 ciphertexts decrypt under the format-4 key")
        .containsExactly(values);
    assertThat(old.publicKey().djnTableBuilt()).isFalse();
  }

  @Test
  void aKeyWhoseHsIsNotAnNthPowerIsRefusedByItsHolder() throws Exception {
    PaillierKeyPair pair = PaillierKeyPair.generate(1024, random);
    BigInteger n = pair.publicKey().n();
    // (1+n)·h_s is a unit but not an n-th power: every ciphertext would decrypt shifted by a
    BigInteger bad = pair.publicKey().hs().orElseThrow().multiply(n.add(BigInteger.ONE)).mod(pair.publicKey().nSquared());
    PaillierPublicKey pub = new PaillierPublicKey(n, n.add(BigInteger.ONE), bad);
    assertThatThrownBy(() -> new PaillierPrivateKey(pub, pair.privateKey().p(), pair.privateKey().q()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an n-th power");
  }

  static PaillierKeyPair withoutHs(PaillierKeyPair pair) {
    PaillierPublicKey pub = PaillierPublicKey.withStandardGenerator(pair.publicKey().n());
    return new PaillierKeyPair(pub, new PaillierPrivateKey(pub, pair.privateKey().p(), pair.privateKey().q()));
  }

  @Test
  void keyToStringAndSchemeToStringNeverShowFactors() throws Exception {
    KeyMaterial key = provider.generateKeyPair(WEAK, random);
    PaillierKeyCodec.Decoded d = PaillierKeyCodec.decode(key);
    BigInteger p = d.privateKey().orElseThrow().p();
    HomomorphicDecryption scheme = provider.newDecryption(key);

    String secretHex = HexFormat.of().formatHex(key.secretPart().orElseThrow().toByteArray(SecretAccess.get()));
    for (String s : new String[] {key.toString(), scheme.toString(), d.privateKey().orElseThrow().toString()}) {
      assertThat(s).doesNotContain(p.toString()).doesNotContain(p.toString(16)).doesNotContain(secretHex.substring(8, 40));
    }
  }

  @Test
  void isDiscoveredAsABuiltInPlugin() {
    try (PluginRegistry registry = PluginRegistry.load(Path.of("no-such-plugin-dir"), getClass().getClassLoader())) {
      PluginDescriptor d = registry.descriptor("paillier").orElseThrow();

      assertThat(d.kind()).isEqualTo(PluginKind.HOMOMORPHIC_SCHEME);
      assertThat(d.capabilities()).contains("add", "multiply-by-scalar");
      assertThat(d.securityNote()).contains("IND-CPA").contains("malleable");
      assertThat(registry.homomorphicScheme("paillier")).isInstanceOf(PaillierSchemeProvider.class);
    }
  }
}
