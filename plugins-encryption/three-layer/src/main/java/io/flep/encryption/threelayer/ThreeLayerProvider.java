package io.flep.encryption.threelayer;

import io.flep.plugin.api.FlepPlugin;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.cipher.DataCipher;
import io.flep.plugin.api.cipher.DataCipherProvider;
import io.flep.plugin.api.denoise.Denoiser;
import io.flep.plugin.api.denoise.DenoiserProvider;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.api.key.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.ServiceLoader;
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
    capabilities = {"image", "bytes", "not-secure"},
    description = "The paper's three-layer image cipher (chaotic sub-block scrambling, DWT alpha blending, AWGN),"
        + " faithful; for reproducing the paper",
    securityNote = "For reproducing the paper, not for protecting data; use flep-3layer-hardened. The permutation"
        + " is independent of the plaintext and of any nonce, and blending all subbands with one alpha equals"
        + " pixel blending, so about O(log N) chosen plaintexts recover the permutation, alpha and the secret"
        + " image; there is no diffusion (one changed pixel changes one cipher pixel, apart from fresh noise);"
        + " each double-precision chaotic key has at most 2^52 states; nothing is authenticated (a header key"
        + " check only catches a wrong key); decryption is lossy (within +-1 for alpha <= 0.5 without noise).")
public final class ThreeLayerProvider implements DataCipherProvider {
  public static final String ID = "flep-3layer";

  @Override
  public KeyMaterial generateKey(PluginOptions options, SecureRandom random) {
    byte[] bytes = ThreeLayerKey.generate(options, random).toBytes();
    try {
      return new KeyMaterial(ID, ThreeLayerKey.VERSION, new byte[0], Optional.of(SecretBytes.copyFrom(bytes, SecretAccess.get())));
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  @Override
  public DataCipher newCipher(KeyMaterial key) throws GeneralSecurityException {
    return new ThreeLayerByteCipher(imageCipher(key, null));
  }

  /** The image cipher; the key's denoiser is looked up among the denoiser plugins on this class path. */
  @Override
  public ImageCipher newImageCipher(KeyMaterial key) throws GeneralSecurityException {
    return imageCipher(key, null);
  }

  /**
   * The image cipher with a caller-supplied denoiser (e.g. a drop-in from {@code PluginRegistry#denoiser}),
   * used instead of the key's denoiser id.
   */
  public ImageCipher newImageCipher(KeyMaterial key, Denoiser denoiser) throws GeneralSecurityException {
    return imageCipher(key, denoiser);
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

  private static ThreeLayerImageCipher imageCipher(KeyMaterial key, Denoiser denoiser) throws GeneralSecurityException {
    ThreeLayerKey k = parseKey(key);
    Denoiser d = denoiser != null || !k.addsNoise() ? denoiser : findDenoiser(k.denoiserId);
    return new ThreeLayerImageCipher(k, d, noiseSource(new SecureRandom()));
  }

  static Supplier<RandomGenerator> noiseSource(SecureRandom random) {
    RandomGeneratorFactory<RandomGenerator> factory = RandomGeneratorFactory.of(ThreeLayerImageCipher.NOISE_GENERATOR);
    return () -> {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      return factory.create(seed);
    };
  }

  private static Denoiser findDenoiser(String id) throws GeneralSecurityException {
    for (DenoiserProvider p : ServiceLoader.load(DenoiserProvider.class, ThreeLayerProvider.class.getClassLoader())) {
      FlepPlugin meta = p.getClass().getAnnotation(FlepPlugin.class);
      if (meta != null && meta.id().equals(id)) {
        return p.newDenoiser(PluginOptions.empty());
      }
    }
    throw new GeneralSecurityException("flep-3layer key names denoiser '" + id + "', which is not installed"
        + " (pass one explicitly with newImageCipher(key, denoiser))");
  }
}
