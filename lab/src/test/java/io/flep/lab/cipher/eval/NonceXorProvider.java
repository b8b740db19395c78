package io.flep.lab.cipher.eval;

import io.flep.lab.cipher.cli.CipherPlugin;
import io.flep.plugin.api.context.PluginContext;
import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.ImageCipherProvider;
import io.flep.plugin.api.image.InsecureNonceAccess;
import io.flep.plugin.api.image.RasterImage;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import io.flep.plugin.api.param.ParameterValues;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * TEST STUB ONLY, not registered as a plugin: XOR with a SHA-256(key‖nonce‖counter) key stream, the nonce in the
 * header. No diffusion, so the proper differential test must give exactly one changed sample when the evaluator
 * really reuses the nonce. {@code nonceHook = false} makes {@code encryptWithNonce} unsupported (like a nonce-less
 * scheme without the hook); {@code rejectBelowBit} makes {@code newImageCipher} reject keys whose secret differs
 * from the generated one in a bit numbered below it (to exercise the key-flip search).
 */
final class NonceXorProvider implements ImageCipherProvider {
  static final String ID = "test-nonce-xor";

  private final boolean nonceHook;
  private final int rejectBelowBit;
  private byte[] generated;

  NonceXorProvider(boolean nonceHook, int rejectBelowBit) {
    this.nonceHook = nonceHook;
    this.rejectBelowBit = rejectBelowBit;
  }

  /** This fixture as the cipher tools take a plugin. */
  CipherPlugin plugin() {
    return CipherPlugin.of(ID, this, PluginContext.empty());
  }

  @Override
  public KeyMaterial generateKey(ParameterValues options, SecureRandom random) {
    SecretBytes secret = SecretBytes.randomBytes(16, random);
    generated = secret.toByteArray(SecretAccess.get());
    return new KeyMaterial(ID, 1, new byte[0], Optional.of(secret));
  }

  @Override
  public ImageCipher newImageCipher(KeyMaterial key, PluginContext context) throws GeneralSecurityException {
    byte[] k = key.secretPart().orElseThrow().toByteArray(SecretAccess.get());
    if (generated != null) {
      for (int bit = 0; bit < rejectBelowBit; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((k[bit / 8] & mask) != (generated[bit / 8] & mask)) {
          throw new GeneralSecurityException("stub rejects a change in bit " + bit);
        }
      }
    }
    return new Cipher(k);
  }

  private final class Cipher implements ImageCipher {
    private final byte[] key;

    Cipher(byte[] key) {
      this.key = key;
    }

    @Override
    public EncryptedImage encrypt(RasterImage plain, byte[] associatedData) throws GeneralSecurityException {
      byte[] nonce = new byte[16];
      new SecureRandom().nextBytes(nonce);
      return seal(plain, nonce);
    }

    @Override
    public EncryptedImage encryptWithNonce(RasterImage plain, byte[] nonce, InsecureNonceAccess access)
        throws GeneralSecurityException {
      if (!nonceHook) {
        throw new UnsupportedOperationException("no hook");
      }
      if (nonce.length != 16) {
        throw new IllegalArgumentException("nonce must be 16 bytes");
      }
      return seal(plain, nonce);
    }

    @Override
    public RasterImage decrypt(EncryptedImage encrypted, byte[] associatedData) throws GeneralSecurityException {
      return xor(encrypted.cipherImage(), encrypted.header());
    }

    private EncryptedImage seal(RasterImage plain, byte[] nonce) throws GeneralSecurityException {
      return new EncryptedImage(xor(plain, nonce), nonce);
    }

    private RasterImage xor(RasterImage image, byte[] nonce) throws GeneralSecurityException {
      byte[] s = image.samples();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (int block = 0; block * 32 < s.length; block++) {
        sha.update(key);
        sha.update(nonce);
        byte[] stream = sha.digest(ByteBuffer.allocate(4).putInt(block).array());
        for (int i = 0; i < 32 && block * 32 + i < s.length; i++) {
          s[block * 32 + i] ^= stream[i];
        }
      }
      return new RasterImage(image.width(), image.height(), image.channels(), s);
    }
  }
}
