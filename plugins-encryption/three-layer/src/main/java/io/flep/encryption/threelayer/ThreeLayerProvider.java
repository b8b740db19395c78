package io.flep.encryption.threelayer;

import io.flep.plugin.api.Capabilities;
import io.flep.plugin.api.FlepPlugin;
import io.flep.plugin.api.context.PluginContext;
import io.flep.plugin.api.denoise.Denoiser;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.ImageCipherProvider;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The {@code flep-3layer} data cipher: the paper's three-layer image cipher, faithfully
 * ({@link ThreeLayerImageCipher}), for reproducing its results. Keys are {@link KeyMaterial} with scheme
 * {@code flep-3layer}, format version {@value ThreeLayerKey#VERSION}, an empty public part and the secret
 * layout of {@link ThreeLayerKey}.
 *
 * <p>Options (key generation): {@code blockSize} (2), {@code alpha} (0.3) or per subband {@code alphaLL},
 * {@code alphaHL}, {@code alphaLH}, {@code alphaHH} (each in [0, 0.9]), {@code noise} (true), {@code noiseMean}
 * (0), {@code noiseSigma} (25), {@code layers} (3; 1 = scramble, 2 = + DWT blend, 3 = + noise),
 * {@code decryptOrder} ({@code reordered} | {@code paper}), {@code denoiser} ({@code wiener}, or {@code dncnn} where the workers' DnCNN is installed), and to reproduce
 * a fixed chaotic key {@code x0}, {@code r}, {@code burnIn} (1000). Unknown options are rejected.
 *
 * <p>Noise is drawn from an L64X256MixRandom generator seeded with 256 bits of {@link SecureRandom} per
 * encryption: the noise is a randomiser, not key material.
 */
@FlepPlugin(
    id = ThreeLayerProvider.ID,
    version = "1.0.0",
    capabilities = {Capabilities.IMAGE, Capabilities.NOT_SECURE},
    description = "The paper's three-layer image cipher (chaotic sub-block scrambling, DWT alpha blending, AWGN),"
        + " faithful; for reproducing the paper",
    securityNote = "For reproducing the paper, not for protecting data; use flep-3layer-hardened. The permutation"
        + " is independent of the plaintext and of any nonce, and blending all subbands with one alpha equals"
        + " pixel blending, so about O(log N) chosen plaintexts recover the permutation, alpha and the secret"
        + " image; there is no diffusion (one changed pixel changes one cipher pixel, apart from fresh noise);"
        + " each double-precision chaotic key has at most 2^52 states; nothing is authenticated (a header key"
        + " check only catches a wrong key); decryption is lossy (within +-1 for alpha <= 0.5 without noise).")
public final class ThreeLayerProvider implements ImageCipherProvider {
  public static final String ID = "flep-3layer";

  @Override
  public ParameterSet parameters() {
    return ThreeLayerParameters.ALL;
  }

  @Override
  public KeyMaterial generateKey(ParameterValues options, SecureRandom random) {
    byte[] bytes = ThreeLayerKey.generate(options, random).toBytes();
    try {
      return new KeyMaterial(ID, ThreeLayerKey.VERSION, new byte[0], Optional.of(SecretBytes.copyFrom(bytes, SecretAccess.get())));
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * The image cipher. With the noise layer on, the denoiser the key names comes from {@code context}: a built-in
   * ({@code wiener}, {@code dncnn}) or a dropped-in one.
   */
  @Override
  public ImageCipher newImageCipher(KeyMaterial key, PluginContext context) throws GeneralSecurityException {
    ThreeLayerKey k = parseKey(key);
    Denoiser denoiser = null;
    if (k.addsNoise()) {
      denoiser = context.denoiser(k.denoiserId).orElseThrow(() -> new GeneralSecurityException(
          "flep-3layer key names denoiser '" + k.denoiserId + "', which is not installed"));
    }
    return newImageCipher(k, denoiser);
  }

  /** The image cipher with a given denoiser instead of the one the key names (e.g. with other options). */
  public ImageCipher newImageCipher(KeyMaterial key, Denoiser denoiser) throws GeneralSecurityException {
    return newImageCipher(parseKey(key), denoiser);
  }

  private static ImageCipher newImageCipher(ThreeLayerKey key, Denoiser denoiser) {
    return new ThreeLayerImageCipher(key, denoiser, noiseSource(new SecureRandom()));
  }

  static ThreeLayerKey parseKey(KeyMaterial key) throws GeneralSecurityException {
    if (!ID.equals(key.schemeId())) {
      throw new GeneralSecurityException("key belongs to scheme '" + key.schemeId() + "', not '" + ID + "'");
    }
    if (key.formatVersion() != ThreeLayerKey.VERSION) {
      throw new GeneralSecurityException("unsupported flep-3layer key format version " + key.formatVersion()
          + " (supported: " + ThreeLayerKey.VERSION + ")");
    }
    SecretBytes secret = key.secretPart().orElseThrow(() -> new GeneralSecurityException("flep-3layer key holds no secret part"));
    byte[] raw = secret.toByteArray(SecretAccess.get());
    try {
      return ThreeLayerKey.fromBytes(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  static Supplier<RandomGenerator> noiseSource(SecureRandom random) {
    RandomGeneratorFactory<RandomGenerator> factory = RandomGeneratorFactory.of(ThreeLayerImageCipher.NOISE_GENERATOR);
    return () -> {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      return factory.create(seed);
    };
  }
}
