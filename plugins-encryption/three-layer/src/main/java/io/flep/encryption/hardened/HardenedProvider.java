package io.flep.encryption.hardened;

import io.flep.plugin.api.Capabilities;
import io.flep.plugin.api.FlepPlugin;
import io.flep.plugin.api.context.PluginContext;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.ImageCipherProvider;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * The {@code flep-3layer-hardened} data cipher: the paper's three image layers (sub-block spiral scrambling,
 * DWT-domain blending with a secret image, optional Gaussian noise) turned into a nonce-based authenticated cipher
 * with plaintext-dependent diffusion; see {@link HardenedImageCipher} for the construction and its claims,
 * {@link HardenedKey} for the key format and options, {@link HardenedHeader} for the header.
 */
@FlepPlugin(
    id = HardenedProvider.ID,
    version = "1.0.0",
    capabilities = {Capabilities.IMAGE, Capabilities.AUTHENTICATED},
    description = "Three-layer image cipher (scramble, Haar-domain blend, optional noise) hardened with per-nonce"
        + " AES-CTR/HKDF key schedule, forward+backward diffusion and an HMAC-SHA256 tag; 256-bit keys by default",
    securityNote = "Bespoke construction, not a standardised AEAD: use aes-gcm for data unless you need an image"
        + " ciphertext. With a fresh random 128-bit nonce per image (never reuse one): permutation, secret image"
        + " and masks come from HKDF-SHA256 and AES-CTR over key||nonce, so the chosen-plaintext attack that breaks"
        + " flep-3layer does not apply; a one-pixel change alters the whole cipher image; tampering, truncation"
        + " and wrong keys are rejected by an HMAC-SHA256 tag before decryption. Decryption is bit-exact with the"
        + " noise layer off (default); with noise on it returns plaintext plus that noise (about 20 dB PSNR at"
        + " sigma 25) and the noise adds no security. Image size and channel count are not hidden.")
public final class HardenedProvider implements ImageCipherProvider {
  public static final String ID = "flep-3layer-hardened";

  /** Options: see {@link HardenedKey#generate}. */
  @Override
  public ParameterSet parameters() {
    return HardenedParameters.ALL;
  }

  @Override
  public KeyMaterial generateKey(ParameterValues options, SecureRandom random) {
    return HardenedKey.generate(options, random).toKeyMaterial();
  }

  @Override
  public ImageCipher newImageCipher(KeyMaterial key, PluginContext context) throws GeneralSecurityException {
    return imageCipher(key);
  }

  private static HardenedImageCipher imageCipher(KeyMaterial key) throws GeneralSecurityException {
    return new HardenedImageCipher(HardenedKey.fromKeyMaterial(key), new SecureRandom());
  }
}
