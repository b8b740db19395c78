package io.flep.workers.aggregation;

import io.flep.plugin.api.he.HomomorphicScheme;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.store.KeyAccessDeniedException;
import io.flep.workers.store.KeyVault;
import io.flep.workers.store.Ref;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The run's homomorphic scheme, from its public key (encrypt, add) or, for a key holder, its secret key.
 * Public-key schemes are kept per key for the life of the process, so that what a scheme precomputes for
 * encryption ({@link HomomorphicScheme#prepareEncryptions}) while an analyst trains is there when it encrypts.
 */
@Component
public class HomomorphicKeys {
  private static final int CACHED_PUBLIC_KEYS = 16;

  private final KeyVault keys;
  private final PluginRegistry plugins;
  private final Map<UUID, Bound> publicSchemes = Collections.synchronizedMap(
      new LinkedHashMap<>(CACHED_PUBLIC_KEYS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Bound> eldest) {
          return size() > CACHED_PUBLIC_KEYS;
        }
      });

  public HomomorphicKeys(KeyVault keys, PluginRegistry plugins) {
    this.keys = keys;
    this.plugins = plugins;
  }

  /** A scheme instance bound to a key, with the plugin id it came from. */
  public record Bound(String schemeId, HomomorphicScheme scheme) {}

  /** Anyone may encrypt and add under the public key. */
  public Bound withPublicKey(Ref heKeyRef) throws GeneralSecurityException {
    Bound cached = publicSchemes.get(heKeyRef.id());
    if (cached != null) {
      return cached;
    }
    Bound bound = bind(keys.loadPublic(heKeyRef.id()));
    publicSchemes.put(heKeyRef.id(), bound);
    return bound;
  }

  /** Only the key's owner or a party granted its secret can decrypt; anyone else is refused. */
  public Bound withSecretKey(Ref heKeyRef, String party) throws GeneralSecurityException {
    return bind(keys.loadSecret(heKeyRef.id(), party));
  }

  /**
   * A share holder's instance of a threshold key: encrypts and adds like the public key, and partially decrypts
   * with the party's own share.
   *
   * @throws KeyAccessDeniedException if the party holds no share of this key
   */
  public Bound withShare(Ref heKeyRef, String party) throws GeneralSecurityException {
    UUID shareId = keys.shareOf(heKeyRef.id(), party).orElseThrow(() -> new KeyAccessDeniedException(
        "'" + party + "' holds no share of threshold key " + heKeyRef.id()));
    return bind(keys.loadSecret(shareId, party));
  }

  private Bound bind(KeyMaterial key) throws GeneralSecurityException {
    return new Bound(key.schemeId(), plugins.homomorphicScheme(key.schemeId()).newScheme(key));
  }
}
