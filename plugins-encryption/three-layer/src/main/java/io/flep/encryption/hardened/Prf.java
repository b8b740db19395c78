package io.flep.encryption.hardened;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The standard primitives the hardened cipher draws every keyed value from, on Bouncy Castle's lightweight API:
 * HKDF-SHA256 (RFC 5869) for subkeys, AES-256 in CTR mode (NIST SP 800-38A) as keystream, HMAC-SHA256
 * (RFC 2104) as tag. Stateless.
 */
final class Prf {
  static final int SUBKEY_BYTES = 32;
  static final int TAG_BYTES = 32;

  private Prf() {}

  /** HKDF-SHA256 extract-and-expand; {@code salt} may be {@code null} (RFC 5869: a string of zeros). */
  static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[length];
    hkdf.generateBytes(out, 0, length);
    return out;
  }

  /** HKDF-SHA256 extract with no salt: the pseudorandom key {@code PRK = HMAC-SHA256(zeros, ikm)}. */
  static byte[] extract(byte[] ikm) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    return hkdf.extractPRK(null, ikm);
  }

  /** HKDF-SHA256 expand of a pseudorandom key (RFC 5869 §2.3): HMAC keyed with {@code prk}, so a standard PRF. */
  static byte[] expand(byte[] prk, byte[] info, int length) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(HKDFParameters.skipExtractParameters(prk, info));
    byte[] out = new byte[length];
    hkdf.generateBytes(out, 0, length);
    return out;
  }

  /**
   * {@code length} bytes of AES-CTR keystream under {@code key} from counter block 0 (the key is fresh for every
   * nonce, so a zero initial counter is safe), produced in one call.
   */
  static byte[] keystream(byte[] key, int length) {
    SICBlockCipher ctr = (SICBlockCipher) SICBlockCipher.newInstance(AESEngine.newInstance());
    ctr.init(true, new ParametersWithIV(new KeyParameter(key), new byte[16]));
    byte[] out = new byte[length];
    ctr.processBytes(out, 0, length, out, 0);
    return out;
  }

  /** A fresh HMAC-SHA256 instance keyed with {@code key}. */
  static HMac hmac(byte[] key) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    return mac;
  }

  /** Finishes {@code mac} and returns the tag. */
  static byte[] doFinal(HMac mac) {
    byte[] tag = new byte[TAG_BYTES];
    mac.doFinal(tag, 0);
    return tag;
  }

  static void wipe(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }
}
