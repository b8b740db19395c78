package io.flep.workers.aggregation;

import io.flep.plugin.api.he.HomomorphicScheme;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.loader.PluginRegistry;
import io.flep.workers.store.KeyVault;
import io.flep.workers.store.Ref;
import java.security.GeneralSecurityException;
import org.springframework.stereotype.Component;

/** The run's homomorphic scheme, from its public key (encrypt, add) or, for a key holder, its secret key. */
@Component
public class HomomorphicKeys {
  private final KeyVault keys;
  private final PluginRegistry plugins;

  public HomomorphicKeys(KeyVault keys, PluginRegistry plugins) {
    this.keys = keys;
    this.plugins = plugins;
  }

  /** A scheme instance bound to a key, with the plugin id it came from. */
  public record Bound(String schemeId, HomomorphicScheme scheme) {}

  /** Anyone may encrypt and add under the public key. */
  public Bound withPublicKey(Ref heKeyRef) throws GeneralSecurityException {
    return bind(keys.loadPublic(heKeyRef.id()));
  }

  /** Only the key's owner or a party granted its secret can decrypt; anyone else is refused. */
  public Bound withSecretKey(Ref heKeyRef, String party) throws GeneralSecurityException {
    return bind(keys.loadSecret(heKeyRef.id(), party));
  }

  private Bound bind(KeyMaterial key) throws GeneralSecurityException {
    return new Bound(key.schemeId(), plugins.homomorphicScheme(key.schemeId()).newScheme(key));
  }
}
