package io.flep.workers.dataset;

import io.flep.encryption.png.ImageCipherBytes;
import io.flep.plugin.api.PluginKind;
import io.flep.plugin.api.aead.Aead;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;
import io.flep.plugin.host.PluginRegistry;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * The run's data cipher, whichever kind the chosen plugin is: an AEAD encrypts an item's PNG bytes directly, an
 * image cipher encrypts the image and the item travels as a cipher PNG ({@link ImageCipherBytes}). Either way the
 * item's position and run are bound as associated data.
 */
public final class DataCiphers {
  private final PluginRegistry plugins;

  public DataCiphers(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  /** Encrypts and decrypts the items of a run's data set under one data key. */
  public interface ItemCipher {
    byte[] encrypt(byte[] png, byte[] associatedData) throws GeneralSecurityException;

    byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException;
  }

  /**
   * The options the data cipher declares.
   *
   * @throws io.flep.plugin.host.UnknownPluginException naming the installed data ciphers if none has this id
   */
  public ParameterSet parameters(String cipherId) {
    plugins.dataCipherKind(cipherId);
    return plugins.parameters(cipherId);
  }

  /** A fresh data key of the cipher, from validated options. */
  public KeyMaterial generateKey(String cipherId, ParameterValues options, SecureRandom random) {
    return switch (plugins.dataCipherKind(cipherId)) {
      case AEAD -> plugins.aead(cipherId).generateKey(options, random);
      case IMAGE_CIPHER -> plugins.imageCipher(cipherId).generateKey(options, random);
      default -> throw new IllegalStateException("not a data cipher: " + cipherId);
    };
  }

  /** The cipher for a data key; an image cipher gets the plugins it needs (its denoiser) from the registry. */
  public ItemCipher forKey(KeyMaterial key) throws GeneralSecurityException {
    String id = key.schemeId();
    if (plugins.dataCipherKind(id) == PluginKind.AEAD) {
      Aead aead = plugins.aead(id).newAead(key);
      return new ItemCipher() {
        @Override
        public byte[] encrypt(byte[] png, byte[] associatedData) throws GeneralSecurityException {
          return aead.encrypt(png, associatedData);
        }

        @Override
        public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
          return aead.decrypt(ciphertext, associatedData);
        }
      };
    }
    ImageCipherBytes images = new ImageCipherBytes(id, plugins.imageCipher(id).newImageCipher(key, plugins.context()));
    return new ItemCipher() {
      @Override
      public byte[] encrypt(byte[] png, byte[] associatedData) throws GeneralSecurityException {
        return images.encrypt(png, associatedData);
      }

      @Override
      public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        return images.decrypt(ciphertext, associatedData);
      }
    };
  }
}
