package io.flep.lab.attack;

import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.RasterImage;
import java.security.GeneralSecurityException;

/**
 * What a chosen-plaintext attacker holds: a box that encrypts any image it is given under a key the attacker never
 * sees, and hands back the cipher image (the header is public too, but the attack does not need it).
 */
@FunctionalInterface
interface EncryptionOracle {

  RasterImage encrypt(RasterImage plain) throws GeneralSecurityException;

  /** An oracle over a plugin's image cipher, through its public API only ({@link ImageCipher#encrypt}). */
  static EncryptionOracle of(ImageCipher cipher) {
    return plain -> cipher.encrypt(plain).cipherImage();
  }
}
