package io.flep.encryption.aesgcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known-answer tests from D. McGrew and J. Viega, "The Galois/Counter Mode of Operation (GCM)", revised 2005,
 * Appendix B (the test vectors also used by NIST's GCM validation): test cases 3, 4 (AES-128) and 14, 15, 16
 * (AES-256).
 */
class GcmTest {
  private static final HexFormat HEX = HexFormat.of();

  @ParameterizedTest(name = "McGrew-Viega test case {0}")
  @CsvSource({
    "3, feffe9928665731c6d6a8f9467308308, cafebabefacedbaddecaf888, ,"
        + " d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255,"
        + " 42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985,"
        + " 4d5c2af327cd64a62cf35abd2ba6fab4",
    "4, feffe9928665731c6d6a8f9467308308, cafebabefacedbaddecaf888, feedfacedeadbeeffeedfacedeadbeefabaddad2,"
        + " d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39,"
        + " 42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091,"
        + " 5bc94fbc3221a5db94fae95ae7121a47",
    "14, 0000000000000000000000000000000000000000000000000000000000000000, 000000000000000000000000, ,"
        + " 00000000000000000000000000000000, cea7403d4d606b6e074ec5d3baf39d18, d0d1c8a799996bf0265b98b5d48ab919",
    "15, feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308, cafebabefacedbaddecaf888, ,"
        + " d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255,"
        + " 522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad,"
        + " b094dac5d93471bdec1a502270e3cc6c",
    "16, feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308, cafebabefacedbaddecaf888,"
        + " feedfacedeadbeeffeedfacedeadbeefabaddad2,"
        + " d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39,"
        + " 522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662,"
        + " 76fc6ece0f4e1768cddf8853bb2d551b"
  })
  void matchesPublishedVectors(int testCase, String k, String iv, String a, String p, String c, String t) throws Exception {
    KeyParameter key = new KeyParameter(HEX.parseHex(k));
    byte[] nonce = HEX.parseHex(iv);
    byte[] aad = a == null ? new byte[0] : HEX.parseHex(a);
    byte[] expected = HEX.parseHex(c + t);

    byte[] sealed = Gcm.seal(key, nonce, HEX.parseHex(p), aad);

    assertThat(HEX.formatHex(sealed)).isEqualTo(c + t);
    assertThat(HEX.formatHex(Gcm.open(key, nonce, expected, 0, expected.length, aad))).isEqualTo(p);
    expected[expected.length - 1] ^= 1;
    assertThatThrownBy(() -> Gcm.open(key, nonce, expected, 0, expected.length, aad))
        .isInstanceOf(AEADBadTagException.class);
  }
}
