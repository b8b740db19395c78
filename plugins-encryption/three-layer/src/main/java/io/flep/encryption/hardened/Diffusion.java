package io.flep.encryption.hardened;

/**
 * Plaintext-dependent diffusion: a forward and a backward chained pass over all samples, each in cipher-feedback
 * style with a 64-bit state. Encryption of sample {@code x} is {@code y = (x + top byte of h) mod 256}, then
 * {@code h = fmix64(h xor y)} (MurmurHash3's finaliser, a bijection of the state). Decryption recomputes the same
 * state from the cipher bytes, so every pass inverts exactly.
 *
 * <p>Why it spreads a one-sample change over the whole array: in the forward pass the states after the changed
 * position differ (the update is injective in the absorbed byte, and the states can re-merge only if two 64-bit
 * values agree in their top 56 bits, probability about 2<sup>-56</sup> per sample), so every later sample gets an
 * unrelated mask; the backward pass starts at the end, which now differs, and carries the difference to every
 * earlier sample the same way. The initial states come from the key schedule. Stateless.
 */
final class Diffusion {
  private Diffusion() {}

  /** Forward then backward pass, in place. */
  static void encrypt(byte[] s, long ivForward, long ivBackward) {
    long h = ivForward;
    for (int i = 0; i < s.length; i++) {
      int y = (s[i] + (int) (h >>> 56)) & 0xff;
      s[i] = (byte) y;
      h = fmix64(h ^ y);
    }
    h = ivBackward;
    for (int i = s.length - 1; i >= 0; i--) {
      int y = (s[i] + (int) (h >>> 56)) & 0xff;
      s[i] = (byte) y;
      h = fmix64(h ^ y);
    }
  }

  /** Inverse of {@link #encrypt}, in place. */
  static void decrypt(byte[] s, long ivForward, long ivBackward) {
    long h = ivBackward;
    for (int i = s.length - 1; i >= 0; i--) {
      int y = s[i] & 0xff;
      s[i] = (byte) (y - (int) (h >>> 56));
      h = fmix64(h ^ y);
    }
    h = ivForward;
    for (int i = 0; i < s.length; i++) {
      int y = s[i] & 0xff;
      s[i] = (byte) (y - (int) (h >>> 56));
      h = fmix64(h ^ y);
    }
  }

  /** MurmurHash3 64-bit finaliser: a bijection on 64-bit values with full avalanche. */
  static long fmix64(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
