package io.flep.encryption.hardened;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The per-encryption key schedule. Everything keyed comes from one standard PRF chain, never from a chaotic map:
 *
 * <ol>
 *   <li>{@code prk = HKDF-Extract-SHA256(no salt, master key)}, once per key;
 *   <li>{@code encKey = HKDF-Expand-SHA256(prk, "flep-3layer-hardened/v1/enc" || nonce || blockSize || channels ||
 *       padded width || padded height, 32)} - HMAC keyed with {@code prk}, i.e. a standard PRF of the nonce;
 *   <li>one AES-256-CTR keystream under {@code encKey}, cut in order into: forward and backward diffusion start
 *       states (8 + 8 bytes), noise seed (8), per channel and subband the blending weights {@code wa}, {@code wb}
 *       (1 byte each, forced odd), one 32-bit word per sub-block for the Fisher-Yates block shuffle, and the
 *       secret image (one byte per sample).
 * </ol>
 *
 * A fresh nonce therefore gives an independent permutation, secret image, weights and diffusion states. The MAC
 * key, {@code HKDF-Expand-SHA256(prk, "flep-3layer-hardened/v1/mac", 32)}, is separate and nonce-independent.
 */
final class KeySchedule {
  private static final byte[] ENC_INFO = "flep-3layer-hardened/v1/enc".getBytes(StandardCharsets.US_ASCII);
  static final byte[] MAC_INFO = "flep-3layer-hardened/v1/mac".getBytes(StandardCharsets.US_ASCII);

  final long ivForward;
  final long ivBackward;
  final long noiseSeed;
  final int[] wa;
  final int[] waInverse;
  final int[] wb;
  final int[] map;
  final byte[] secretImage;

  private KeySchedule(long ivForward, long ivBackward, long noiseSeed, int[] wa, int[] wb, int[] map, byte[] secret) {
    this.ivForward = ivForward;
    this.ivBackward = ivBackward;
    this.noiseSeed = noiseSeed;
    this.wa = wa;
    this.wb = wb;
    this.map = map;
    this.secretImage = secret;
    this.waInverse = new int[wa.length];
    for (int i = 0; i < wa.length; i++) {
      waInverse[i] = HaarBlend.inverseMod256(wa[i]);
    }
  }

  /** Derives the schedule for one encryption of a padded {@code width x height x channels} image from the PRK. */
  static KeySchedule derive(byte[] prk, byte[] nonce, int blockSize, int channels, int width, int height) {
    byte[] info = ByteBuffer.allocate(ENC_INFO.length + nonce.length + 10)
        .put(ENC_INFO).put(nonce).put((byte) blockSize).put((byte) channels).putInt(width).putInt(height).array();
    byte[] encKey = Prf.expand(prk, info, Prf.SUBKEY_BYTES);
    int blocks = (width / blockSize) * (height / blockSize);
    int weights = channels * HaarBlend.SUBBANDS;
    int samples = width * height * channels;
    byte[] ks;
    try {
      ks = Prf.keystream(encKey, 24 + 2 * weights + 4 * blocks + samples);
    } finally {
      Prf.wipe(encKey);
    }
    ByteBuffer in = ByteBuffer.wrap(ks).order(ByteOrder.BIG_ENDIAN);
    long ivF = in.getLong();
    long ivB = in.getLong();
    long noiseSeed = in.getLong();
    int[] wa = new int[weights];
    int[] wb = new int[weights];
    for (int i = 0; i < weights; i++) {
      wa[i] = (in.get() & 0xff) | 1;
      wb[i] = (in.get() & 0xff) | 1;
    }
    int[] perm = new int[blocks];
    for (int i = 0; i < blocks; i++) {
      perm[i] = i;
    }
    int wordsAt = in.position();
    for (int i = blocks - 1; i > 0; i--) {
      long word = (ks[wordsAt + 4 * i] & 0xffL) << 24 | (ks[wordsAt + 4 * i + 1] & 0xff) << 16
          | (ks[wordsAt + 4 * i + 2] & 0xff) << 8 | (ks[wordsAt + 4 * i + 3] & 0xff);
      int j = (int) ((word * (i + 1)) >>> 32); // Lemire's multiply-shift: bias below (i + 1) / 2^32
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    byte[] secret = new byte[samples];
    System.arraycopy(ks, wordsAt + 4 * blocks, secret, 0, samples);
    Prf.wipe(ks);
    return new KeySchedule(ivF, ivB, noiseSeed, wa, wb, Scrambler.pixelMap(width, height, blockSize, perm), secret);
  }
}
