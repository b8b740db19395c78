package io.flep.encryption.hardened;

import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.InsecureNonceAccess;
import io.flep.plugin.api.image.RasterImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.SplittableRandom;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.macs.HMac;

/**
 * The {@code flep-3layer-hardened} image cipher: the paper's three layers made into an authenticated, nonce-based
 * cipher. Encryption of an 8-bit grey or RGB image, with a fresh random 128-bit nonce per call:
 *
 * <ol>
 *   <li>pad with zeros to a multiple of {@code lcm(blockSize, 2)} in each direction (the header keeps the size);
 *   <li>derive the per-nonce schedule ({@link KeySchedule}: HKDF-SHA256 expand of the key's PRK over the nonce,
 *       one AES-256-CTR keystream);
 *   <li>layer 1: sub-block shuffle (Fisher-Yates on the keystream) with a spiral scan inside blocks
 *       ({@link Scrambler});
 *   <li>optional layer 3 (noise, off by default): rounded Gaussian noise added to the scrambled image, clamped to
 *       0..255 - placed before the exact layers so that decryption returns the plaintext plus exactly this noise,
 *       never amplified;
 *   <li>forward and backward plaintext-dependent diffusion ({@link Diffusion});
 *   <li>layer 2: integer Haar lifting mod 256, per-subband blending with the per-nonce secret image, inverse
 *       lifting ({@link HaarBlend});
 *   <li>tag = HMAC-SHA256(macKey, domain || header prefix (version, channels, block size, flags, original size,
 *       nonce) || key parameters || length and bytes of associated data || all cipher samples).
 * </ol>
 *
 * Decryption parses the header, checks the cipher image's shape against it and verifies the tag in constant time
 * before any decryption work, then inverts the layers and crops. Every layer works on 8-bit values mod 256, so
 * cipher samples are stored in the PNG unchanged (value v is pixel v) and read back exactly; the cipher image has
 * the plaintext's channel count and its size rounded up to a multiple of {@code lcm(blockSize, 2)} (e.g. 257x255
 * becomes 258x256 with block 2).
 *
 * <p><b>Claims</b> (for a nonce never reused under a key - random 128-bit nonces make a repeat negligible):
 * confidentiality reduces to AES-CTR and HMAC-SHA256 (HKDF-Expand) being PRFs, since layer 2 adds an odd
 * multiple of a uniform secret image to every Haar coefficient (a one-time mask); chosen-plaintext recovery of the
 * permutation or the secret image (which breaks the faithful mode) gains nothing because each encryption uses an
 * independent schedule; tampering with, truncating or cropping the cipher image or header, or a wrong key, is
 * rejected by the 256-bit tag (encrypt-then-MAC, so IND-CCA under those assumptions); under one key and nonce a
 * one-sample plaintext change re-randomises every cipher sample (each differs with probability 255/256: NPCR and
 * UACI near the ideal 99.61 % and 33.46 %). <b>Not claimed</b>: this is a bespoke composition, not a standardised or
 * peer-reviewed AEAD - AES-GCM remains the recommended cipher for data; a reused nonce voids the guarantees
 * (encryption becomes deterministic and every keyed value - permutation, secret image, weights, diffusion states
 * - is shared between the messages, a setting this design does not analyse: treat it as broken); no
 * security proof beyond the reduction above; image size and channel count are not hidden; the noise layer adds
 * no security. Thread-safe.
 */
final class HardenedImageCipher implements ImageCipher {
  static final long MAX_SAMPLES = 1L << 28;
  private static final byte[] DOMAIN = "flep-3layer-hardened".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EMPTY = new byte[0];

  private final HardenedKey key;
  private final byte[] prk;
  private final byte[] macKey;
  private final byte[] keyParams;
  private final SecureRandom random;

  HardenedImageCipher(HardenedKey key, SecureRandom random) {
    this.key = key;
    this.random = random;
    this.keyParams = key.publicPart();
    byte[] master = key.masterBytes();
    try {
      this.prk = Prf.extract(master);
    } finally {
      Prf.wipe(master);
    }
    this.macKey = Prf.expand(prk, KeySchedule.MAC_INFO, Prf.SUBKEY_BYTES);
  }

  @Override
  public EncryptedImage encrypt(RasterImage plain, byte[] associatedData) throws GeneralSecurityException {
    return seal(plain, freshNonce(), associatedData == null ? EMPTY : associatedData);
  }

  @Override
  public EncryptedImage encryptWithNonce(RasterImage plain, byte[] nonce, InsecureNonceAccess access) {
    Objects.requireNonNull(access, "a fixed nonce needs InsecureNonceAccess.forEvaluationOnly()");
    if (nonce.length != HardenedHeader.NONCE_BYTES) {
      throw new IllegalArgumentException(
          "nonce must be " + HardenedHeader.NONCE_BYTES + " bytes, got " + nonce.length);
    }
    return seal(plain, nonce, EMPTY);
  }

  @Override
  public RasterImage decrypt(EncryptedImage encrypted, byte[] associatedData) throws GeneralSecurityException {
    return open(encrypted, associatedData == null ? EMPTY : associatedData);
  }

  byte[] freshNonce() {
    byte[] nonce = new byte[HardenedHeader.NONCE_BYTES];
    random.nextBytes(nonce);
    return nonce;
  }

  /** Encrypts and tags, binding {@code associatedData} into the tag. */
  EncryptedImage seal(RasterImage plain, byte[] nonce, byte[] associatedData) {
    int b = key.blockSize();
    int w = plain.width();
    int h = plain.height();
    int ch = plain.channels();
    int pw = HardenedHeader.padded(w, b);
    int ph = HardenedHeader.padded(h, b);
    checkSize(pw, ph, ch);
    byte[] padded = pad(plain.samples(), w, h, ch, pw, ph);
    KeySchedule ks = schedule(nonce, ch, pw, ph);
    byte[] s = new byte[padded.length];
    Scrambler.scramble(padded, s, ks.map, ch);
    if (key.noise()) {
      addNoise(s, ks.noiseSeed, key.noiseMean(), key.noiseSigma());
    }
    Diffusion.encrypt(s, ks.ivForward, ks.ivBackward);
    HaarBlend.blend(s, ks.secretImage, pw, ph, ch, ks.wa, ks.wb);
    HardenedHeader unsigned = new HardenedHeader(ch, b, key.noise(), w, h, nonce, new byte[Prf.TAG_BYTES]);
    byte[] tag = tag(unsigned, associatedData, s);
    HardenedHeader header = new HardenedHeader(ch, b, key.noise(), w, h, nonce, tag);
    return new EncryptedImage(new RasterImage(pw, ph, ch, s), header.toBytes());
  }

  /** Verifies, then decrypts; {@code associatedData} must equal the one given to {@link #seal}. */
  RasterImage open(EncryptedImage encrypted, byte[] associatedData) throws GeneralSecurityException {
    HardenedHeader header = HardenedHeader.parse(encrypted.header());
    RasterImage cipher = encrypted.cipherImage();
    int pw = header.paddedWidth();
    int ph = header.paddedHeight();
    int ch = header.channels();
    if (header.blockSize() != key.blockSize()) {
      throw new GeneralSecurityException(HardenedProvider.ID + ": cipher uses block size " + header.blockSize()
          + " but the key has " + key.blockSize() + " - wrong key");
    }
    if (cipher.channels() != ch || cipher.width() != pw || cipher.height() != ph) {
      throw new GeneralSecurityException(HardenedProvider.ID + ": cipher image is " + cipher.width() + "x"
          + cipher.height() + "x" + cipher.channels() + " but its header expects " + pw + "x" + ph + "x" + ch
          + " - truncated, cropped or altered");
    }
    byte[] s = cipher.samples();
    byte[] expected = tag(header, associatedData, s);
    if (!MessageDigest.isEqual(expected, header.tag())) {
      throw new AEADBadTagException(HardenedProvider.ID + " authentication failed: wrong key, or the cipher image"
          + " or its header was altered; nothing was decrypted");
    }
    KeySchedule ks = schedule(header.nonce(), ch, pw, ph);
    HaarBlend.unblend(s, ks.secretImage, pw, ph, ch, ks.waInverse, ks.wb);
    Diffusion.decrypt(s, ks.ivForward, ks.ivBackward);
    byte[] padded = new byte[s.length];
    Scrambler.unscramble(s, padded, ks.map, ch);
    return new RasterImage(header.width(), header.height(), ch,
        crop(padded, pw, ch, header.width(), header.height()));
  }

  private KeySchedule schedule(byte[] nonce, int channels, int pw, int ph) {
    return KeySchedule.derive(prk, nonce, key.blockSize(), channels, pw, ph);
  }

  private byte[] tag(HardenedHeader header, byte[] associatedData, byte[] samples) {
    HMac mac = Prf.hmac(macKey);
    mac.update(DOMAIN, 0, DOMAIN.length);
    byte[] prefix = header.authenticatedBytes();
    mac.update(prefix, 0, prefix.length);
    mac.update(keyParams, 0, keyParams.length);
    byte[] adLength = ByteBuffer.allocate(8).putLong(associatedData.length).array();
    mac.update(adLength, 0, adLength.length);
    mac.update(associatedData, 0, associatedData.length);
    mac.update(samples, 0, samples.length);
    return Prf.doFinal(mac);
  }

  private static void checkSize(int pw, int ph, int ch) {
    if ((long) pw * ph * ch > MAX_SAMPLES) {
      throw new IllegalArgumentException(
          "image too large for " + HardenedProvider.ID + ": " + pw + "x" + ph + "x" + ch + " samples after padding,"
              + " limit " + MAX_SAMPLES);
    }
  }

  static byte[] pad(byte[] in, int w, int h, int ch, int pw, int ph) {
    if (w == pw && h == ph) {
      return in;
    }
    byte[] out = new byte[pw * ph * ch];
    for (int y = 0; y < h; y++) {
      System.arraycopy(in, y * w * ch, out, y * pw * ch, w * ch);
    }
    return out;
  }

  static byte[] crop(byte[] in, int pw, int ch, int w, int h) {
    if (w == pw && in.length == w * h * ch) {
      return in;
    }
    byte[] out = new byte[w * h * ch];
    for (int y = 0; y < h; y++) {
      System.arraycopy(in, y * pw * ch, out, y * w * ch, w * ch);
    }
    return out;
  }

  /** Adds rounded N(mean, sigma) noise to every sample, clamped to 0..255 (seeded from the schedule). */
  static void addNoise(byte[] s, long seed, double mean, double sigma) {
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < s.length; i++) {
      long v = (s[i] & 0xff) + Math.round(mean + sigma * rng.nextGaussian());
      s[i] = (byte) Math.max(0, Math.min(255, v));
    }
  }

  @Override
  public String toString() {
    return "HardenedImageCipher[" + key + "]";
  }
}
