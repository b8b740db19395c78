package io.flep.exchange.seal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Seals a secret to one recipient's X25519 key with HPKE (RFC 9180, Bouncy Castle's implementation): base mode,
 * DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM. The {@link SealContext} is both {@code info} and associated
 * data.
 *
 * <p>Guarantee (IND-CCA2 of HPKE base mode, under the gap Diffie-Hellman assumption on X25519): without the
 * recipient's private key, a sealed box reveals nothing about the secret but its length, and any change to it, or an
 * attempt to open it under another context, fails. Base mode does not authenticate the sender: whoever seals also
 * signs the box (it travels as a signed exchange object).
 */
public final class Hpke {
  private static final int ENC_SIZE = 32;

  private Hpke() {}

  private static HPKE suite() {
    return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
  }

  /** The sealed box: the 32-byte encapsulated key followed by the AEAD ciphertext. */
  public static byte[] seal(byte[] recipientPublicKey, SealContext context, byte[] secret) {
    if (recipientPublicKey.length != ENC_SIZE) {
      throw new IllegalArgumentException("an X25519 public key is 32 bytes, got " + recipientPublicKey.length);
    }
    byte[] info = context.toBytes();
    try {
      byte[][] sealed = suite().seal(new X25519PublicKeyParameters(recipientPublicKey, 0), info, info, secret,
          null, null, null);
      byte[] ciphertext = sealed[0];
      byte[] enc = sealed[1];
      byte[] box = Arrays.copyOf(enc, enc.length + ciphertext.length);
      System.arraycopy(ciphertext, 0, box, enc.length, ciphertext.length);
      return box;
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("HPKE sealing failed: " + e.getMessage(), e);
    }
  }

  /**
   * Opens a box sealed to {@code recipient} under {@code context}.
   *
   * @throws GeneralSecurityException if it was sealed to another key or context, or altered
   */
  public static byte[] open(AgreementKeyPair recipient, SealContext context, byte[] box)
      throws GeneralSecurityException {
    if (box.length <= ENC_SIZE) {
      throw new GeneralSecurityException("a sealed box is longer than " + ENC_SIZE + " bytes, got " + box.length);
    }
    byte[] info = context.toBytes();
    return open(recipient, info, info, Arrays.copyOf(box, ENC_SIZE), Arrays.copyOfRange(box, ENC_SIZE, box.length));
  }

  /** Single-shot HPKE open with this suite (the known-answer tests of RFC 9180 A.1 use it directly). */
  static byte[] open(AgreementKeyPair recipient, byte[] info, byte[] aad, byte[] enc, byte[] ciphertext)
      throws GeneralSecurityException {
    try {
      return suite().open(enc, recipient.asBouncyCastle(), info, aad, ciphertext, null, null, null);
    } catch (InvalidCipherTextException | IllegalArgumentException e) {
      throw new GeneralSecurityException("the sealed box does not open with this key and context: " + e.getMessage(),
          e);
    }
  }
}
