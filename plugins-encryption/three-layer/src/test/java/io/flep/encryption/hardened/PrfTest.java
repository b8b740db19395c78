package io.flep.encryption.hardened;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.macs.HMac;
import org.junit.jupiter.api.Test;

class PrfTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void hkdfMatchesRfc5869TestCase1() {
    byte[] okm = Prf.hkdf(HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
        HEX.parseHex("000102030405060708090a0b0c"), HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);

    assertThat(HEX.formatHex(okm)).isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
        + "34007208d5b887185865");
  }

  @Test
  void extractAndExpandMatchRfc5869TestCase3WithoutSalt() {
    byte[] prk = Prf.extract(HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"));

    assertThat(HEX.formatHex(prk)).isEqualTo("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04");
    assertThat(HEX.formatHex(Prf.expand(prk, new byte[0], 42))).isEqualTo(
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }

  @Test
  void keystreamIsAesCtrFromCounterZeroAsTheJdkComputesIt() throws Exception {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) i;
    }
    Cipher jdk = Cipher.getInstance("AES/CTR/NoPadding");
    jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));

    assertThat(Prf.keystream(key, 1000)).isEqualTo(jdk.doFinal(new byte[1000]));
  }

  @Test
  void hmacIsHmacSha256() throws Exception {
    byte[] key = "key".getBytes(StandardCharsets.US_ASCII);
    byte[] msg = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
    HMac mac = Prf.hmac(key);
    mac.update(msg, 0, msg.length);
    Mac jdk = Mac.getInstance("HmacSHA256");
    jdk.init(new SecretKeySpec(key, "HmacSHA256"));

    assertThat(Prf.doFinal(mac)).isEqualTo(jdk.doFinal(msg));
  }
}
