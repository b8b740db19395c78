package io.flep.plugin.api.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyMaterialTest {
  private static final byte[] PUBLIC = "public-modulus".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SECRET = HexFormat.of().parseHex("deadbeefcafebabe0011223344556677");

  private static KeyMaterial fullKey() {
    return new KeyMaterial("paillier", 3, PUBLIC, Optional.of(SecretBytes.copyFrom(SECRET, SecretAccess.get())));
  }

  @Test
  void secretSerialisationRoundTrips() throws Exception {
    KeyMaterial back = KeyMaterial.deserialize(fullKey().serializeSecret(SecretAccess.get()));

    assertThat(back.schemeId()).isEqualTo("paillier");
    assertThat(back.formatVersion()).isEqualTo(3);
    assertThat(back.publicPart()).isEqualTo(PUBLIC);
    assertThat(back.hasSecret()).isTrue();
    assertThat(back.secretPart().orElseThrow().toByteArray(SecretAccess.get())).isEqualTo(SECRET);
  }

  @Test
  void publicSerialisationNeverContainsTheSecret() throws Exception {
    byte[] serialized = fullKey().serializePublic();
    KeyMaterial back = KeyMaterial.deserialize(serialized);

    assertThat(back.hasSecret()).isFalse();
    assertThat(back.publicPart()).isEqualTo(PUBLIC);
    assertThat(HexFormat.of().formatHex(serialized)).doesNotContain(HexFormat.of().formatHex(SECRET));
    assertThat(fullKey().publicOnly().hasSecret()).isFalse();
    assertThatThrownBy(() -> back.serializeSecret(SecretAccess.get()))
        .isInstanceOf(IllegalStateException.class).hasMessage("paillier key holds no secret part to serialise");
  }

  @Test
  void publicPartIsCopied() {
    byte[] pub = PUBLIC.clone();
    KeyMaterial key = new KeyMaterial("aes-gcm", 1, pub);
    pub[0] = 0;
    key.publicPart()[1] = 0;
    assertThat(key.publicPart()).isEqualTo(PUBLIC);
  }

  @Test
  void toStringRedactsKeyBytes() {
    String s = fullKey().toString();
    assertThat(s).isEqualTo("KeyMaterial[paillier v3, public 14 bytes, secret redacted]");
    assertThat(s).doesNotContain("deadbeef").doesNotContain("public-modulus");
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] full = fullKey().serializeSecret(SecretAccess.get());
    for (int len = 0; len < full.length; len++) {
      byte[] prefix = Arrays.copyOf(full, len);
      assertThatThrownBy(() -> KeyMaterial.deserialize(prefix))
          .as("prefix of %d bytes", len)
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessageMatching("(not a FLEP key|corrupt FLEP key).*");
    }
  }

  @Test
  void garbageIsRejectedWithAClearMessage() {
    byte[] good = fullKey().serializePublic();

    assertThatThrownBy(() -> KeyMaterial.deserialize(new byte[0])).hasMessage("not a FLEP key: 0 bytes is too short");
    assertThatThrownBy(() -> KeyMaterial.deserialize("PK\u0003\u0004 a zip file".getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(GeneralSecurityException.class).hasMessage("not a FLEP key: wrong magic bytes");

    byte[] version = good.clone();
    version[4] = 9;
    assertThatThrownBy(() -> KeyMaterial.deserialize(version))
        .hasMessage("unsupported FLEP key container version 9 (supported: 1)");

    byte[] trailing = Arrays.copyOf(good, good.length + 2);
    assertThatThrownBy(() -> KeyMaterial.deserialize(trailing))
        .hasMessage("corrupt FLEP key: 2 unexpected trailing bytes");

    byte[] hugeLength = good.clone();
    int publicLengthAt = 4 + 1 + 1 + 2 + "paillier".length() + 4;
    hugeLength[publicLengthAt] = 0x7f;
    assertThatThrownBy(() -> KeyMaterial.deserialize(hugeLength))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageStartingWith("corrupt FLEP key: public part length 2130706446 does not fit");
  }

  @Test
  void rejectsInvalidSchemeIds() {
    assertThatThrownBy(() -> new KeyMaterial("Bad Id", 1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyMaterial("ok", -1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
  }
}
