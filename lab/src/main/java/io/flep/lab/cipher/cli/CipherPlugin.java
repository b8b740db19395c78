package io.flep.lab.cipher.cli;

import io.flep.plugin.api.PluginKind;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.aead.Aead;
import io.flep.plugin.api.aead.AeadProvider;
import io.flep.plugin.api.context.PluginContext;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.ImageCipherProvider;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.host.PluginRegistry;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A cipher plugin as the cipher tools use it, whichever kind it is: an AEAD (bytes) or an image cipher (images,
 * with the registry's other plugins as its context).
 */
public final class CipherPlugin {
  private final String id;
  private final AeadProvider aead;
  private final ImageCipherProvider image;
  private final PluginContext context;

  private CipherPlugin(String id, AeadProvider aead, ImageCipherProvider image, PluginContext context) {
    this.id = id;
    this.aead = aead;
    this.image = image;
    this.context = context;
  }

  /**
   * The data cipher with this id.
   *
   * @throws io.flep.plugin.host.UnknownPluginException naming the installed ciphers if none has this id
   */
  public static CipherPlugin of(PluginRegistry registry, String id) {
    return registry.dataCipherKind(id) == PluginKind.AEAD
        ? new CipherPlugin(id, registry.aead(id), null, registry.context())
        : new CipherPlugin(id, null, registry.imageCipher(id), registry.context());
  }

  /** An image cipher used on its own, with the given context. */
  public static CipherPlugin of(String id, ImageCipherProvider image, PluginContext context) {
    return new CipherPlugin(id, null, Objects.requireNonNull(image, "image"), context);
  }

  public String id() {
    return id;
  }

  /** Whether the ciphertext is an image. */
  public boolean isImageCipher() {
    return image != null;
  }

  /** A fresh key; raw options are validated against the plugin's declared parameters first. */
  public KeyMaterial generateKey(PluginOptions options, SecureRandom random) {
    return image != null ? image.generateKey(options, random) : aead.generateKey(options, random);
  }

  /** @throws UnsupportedOperationException if this is an AEAD */
  public ImageCipher newImageCipher(KeyMaterial key) throws GeneralSecurityException {
    if (image == null) {
      throw new UnsupportedOperationException(id + " encrypts bytes, not images");
    }
    return image.newImageCipher(key, context);
  }

  /** @throws UnsupportedOperationException if this is an image cipher */
  public Aead newAead(KeyMaterial key) throws GeneralSecurityException {
    if (aead == null) {
      throw new UnsupportedOperationException(id + " is an image cipher, not an AEAD");
    }
    return aead.newAead(key);
  }
}
