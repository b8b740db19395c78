package io.flep.lab.cipher.eval;

import io.flep.lab.cipher.cli.CipherPlugin;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The second key of the key-sensitivity test: the key with exactly one bit of its serialised secret part flipped.
 * Bits are numbered from the most significant bit of secret byte 0 (bit k is mask {@code 0x80 >>> (k % 8)} of byte
 * {@code k / 8}). The search starts at {@link #DEFAULT_START_BIT} = 63, the least significant bit of byte 7 — for
 * {@code flep-3layer} the last mantissa bit of the logistic map's x0 (the smallest change of the chaotic initial
 * value), for random master keys just one key bit — and moves to the next bit (wrapping) while the plugin rejects
 * the key with a {@link GeneralSecurityException} or {@link IllegalArgumentException}.
 */
public final class KeyFlip {
  /** Default first bit to flip. */
  public static final int DEFAULT_START_BIT = 63;

  /** The flipped key, its cipher and which bit was flipped. */
  public record Flipped(KeyMaterial key, ImageCipher cipher, int bit) {}

  private KeyFlip() {}

  /**
   * Flips bit {@code k} of the secret part (k as in the class comment).
   *
   * @throws IllegalArgumentException if the key has no secret part or {@code k} is outside it
   */
  public static KeyMaterial flip(KeyMaterial key, int k) {
    byte[] secret = key.secretPart()
        .orElseThrow(() -> new IllegalArgumentException(key.schemeId() + " key has no secret part to flip"))
        .toByteArray(SecretAccess.get());
    try {
      if (k < 0 || k >= secret.length * 8) {
        throw new IllegalArgumentException("bit " + k + " outside the " + secret.length * 8 + "-bit secret part");
      }
      secret[k / 8] ^= (byte) (0x80 >>> (k % 8));
      return new KeyMaterial(key.schemeId(), key.formatVersion(), key.publicPart(),
          Optional.of(SecretBytes.copyFrom(secret, SecretAccess.get())));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /**
   * The first accepted one-bit variant, trying {@code startBit}, {@code startBit + 1}, ... (wrapping; a start
   * beyond the secret starts at its last bit).
   *
   * @throws GeneralSecurityException if the plugin rejects every one-bit variant
   */
  public static Flipped firstAccepted(CipherPlugin provider, KeyMaterial key, int startBit)
      throws GeneralSecurityException {
    int bits = key.secretPart().map(s -> s.size() * 8).orElse(0);
    if (bits == 0) {
      throw new GeneralSecurityException(key.schemeId() + " key has no secret bits to flip");
    }
    int start = Math.min(Math.max(startBit, 0), bits - 1);
    for (int i = 0; i < bits; i++) {
      int k = (start + i) % bits;
      KeyMaterial flipped = flip(key, k);
      try {
        return new Flipped(flipped, provider.newImageCipher(flipped), k);
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // the scheme validates its key and rejects this variant: try the next bit
      }
    }
    throw new GeneralSecurityException(key.schemeId() + " rejects every key with one secret bit flipped");
  }
}
