package io.flep.lab.cipher.cli;

import io.flep.plugin.api.FlepPlugin;
import io.flep.plugin.api.context.PluginContext;
import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.ImageCipherProvider;
import io.flep.plugin.api.image.RasterImage;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import io.flep.plugin.api.param.BooleanParameter;
import io.flep.plugin.api.param.ChoiceParameter;
import io.flep.plugin.api.param.Parameter;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TEST FIXTURE ONLY — not a cipher to use. Stands in for the external image-cipher plugins so the command line's
 * image path can be tested before (and independently of) them: XOR with a SHA-256 counter-mode key stream over
 * key‖nonce, header {@code "TXOR" | nonce (16) | HMAC-SHA256 tag (32)} over nonce, size and cipher samples, so a
 * wrong key or a tampered/truncated file is detected like in an authenticated scheme. Registered only through
 * {@code src/test/resources/META-INF/services}. Option {@code fail=true} makes {@code generateKey} reject options,
 * {@code broken=true} makes {@code newImageCipher} reject the key.
 */
@FlepPlugin(id = XorTestImageCipherProvider.ID, version = "0", capabilities = {"image"},
    description = "TEST FIXTURE: XOR key stream + HMAC, for CLI tests only")
public final class XorTestImageCipherProvider implements ImageCipherProvider {
  public static final String ID = "test-xor-image";
  private static final byte[] MAGIC = {'T', 'X', 'O', 'R'};

  private static final BooleanParameter FAIL = Parameter.bool("fail").defaultValue(false)
      .description("make key generation fail");
  private static final BooleanParameter BROKEN = Parameter.bool("broken").defaultValue(false)
      .description("generate a key the cipher rejects");
  /** Accepted and ignored, like the noise switch of the image schemes the commands are tested for. */
  private static final BooleanParameter NOISE = Parameter.bool("noise").defaultValue(false)
      .description("ignored: this fixture adds no noise");
  private static final ChoiceParameter DECRYPT_ORDER = Parameter.choice("decryptOrder", "paper", "reordered")
      .defaultValue("reordered").description("ignored: this fixture has one decryption order");

  @Override
  public ParameterSet parameters() {
    return ParameterSet.of(FAIL, BROKEN, NOISE, DECRYPT_ORDER);
  }

  @Override
  public KeyMaterial generateKey(ParameterValues options, SecureRandom random) {
    if (options.get(FAIL)) {
      throw new IllegalArgumentException("plugin option 'fail' asks to fail");
    }
    byte[] pub = options.get(BROKEN) ? new byte[] {1} : new byte[0];
    return new KeyMaterial(ID, 1, pub, Optional.of(SecretBytes.randomBytes(32, random)));
  }

  @Override
  public ImageCipher newImageCipher(KeyMaterial key, PluginContext context) throws GeneralSecurityException {
    if (!ID.equals(key.schemeId())) {
      throw new GeneralSecurityException("key belongs to scheme '" + key.schemeId() + "', not '" + ID + "'");
    }
    if (key.publicPart().length > 0) {
      throw new GeneralSecurityException("test fixture: key generated with broken=true");
    }
    byte[] secret = key.secretPart().orElseThrow().toByteArray(SecretAccess.get());
    return new Xor(secret);
  }

  private static final class Xor implements ImageCipher {
    private final byte[] key;

    Xor(byte[] key) {
      this.key = key;
    }

    @Override
    public EncryptedImage encrypt(RasterImage plain, byte[] associatedData) throws GeneralSecurityException {
      byte[] nonce = new byte[16];
      new SecureRandom().nextBytes(nonce);
      RasterImage cipher = xor(plain, nonce);
      byte[] header = ByteBuffer.allocate(4 + 16 + 32).put(MAGIC).put(nonce).put(tag(nonce, cipher)).array();
      return new EncryptedImage(cipher, header);
    }

    @Override
    public RasterImage decrypt(EncryptedImage encrypted, byte[] associatedData) throws GeneralSecurityException {
      byte[] header = encrypted.header();
      if (header.length != 52 || !Arrays.equals(header, 0, 4, MAGIC, 0, 4)) {
        throw new GeneralSecurityException("test-xor-image: malformed header (" + header.length + " bytes)");
      }
      byte[] nonce = Arrays.copyOfRange(header, 4, 20);
      if (!MessageDigest.isEqual(Arrays.copyOfRange(header, 20, 52), tag(nonce, encrypted.cipherImage()))) {
        throw new GeneralSecurityException("test-xor-image: authentication failed (wrong key or tampered image)");
      }
      return xor(encrypted.cipherImage(), nonce);
    }

    private RasterImage xor(RasterImage image, byte[] nonce) throws GeneralSecurityException {
      byte[] samples = image.samples();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (int block = 0; block * 32 < samples.length; block++) {
        sha.update(key);
        sha.update(nonce);
        byte[] stream = sha.digest(ByteBuffer.allocate(4).putInt(block).array());
        for (int i = 0; i < 32 && block * 32 + i < samples.length; i++) {
          samples[block * 32 + i] ^= stream[i];
        }
      }
      return new RasterImage(image.width(), image.height(), image.channels(), samples);
    }

    private byte[] tag(byte[] nonce, RasterImage cipher) throws GeneralSecurityException {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(nonce);
      mac.update(ByteBuffer.allocate(12).putInt(cipher.width()).putInt(cipher.height()).putInt(cipher.channels()).array());
      return mac.doFinal(cipher.samples());
    }
  }
}
