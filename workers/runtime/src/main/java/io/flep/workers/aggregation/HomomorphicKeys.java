package io.flep.workers.aggregation;

import io.flep.plugin.api.he.HomomorphicDecryption;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.he.ThresholdDecryption;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.failure.KeyAccessDeniedException;
import io.flep.workers.store.KeyVault;
import io.flep.workers.store.Ref;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The run's homomorphic scheme as the capability each party may have: the public side (encrypt, add) for anyone,
 * decryption for the key holder, threshold decryption for a share holder. Public sides are kept per key for the
 * life of the process, so that what a scheme precomputes for encryption
 * ({@link HomomorphicEncryption#prepareEncryptions}) while an analyst trains is there when it encrypts.
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

  /** The public side of a key, with the plugin id it came from. */
  public record Bound(String schemeId, HomomorphicEncryption encryption) {}

  /** Anyone may encrypt and add under the public key. */
  public Bound withPublicKey(Ref heKeyRef) throws GeneralSecurityException {
    Bound cached = publicSchemes.get(heKeyRef.id());
    if (cached != null) {
      return cached;
    }
    KeyMaterial key = keys.loadPublic(heKeyRef.id());
    Bound bound = new Bound(key.schemeId(), plugins.homomorphicScheme(key.schemeId()).newEncryption(key));
    publicSchemes.put(heKeyRef.id(), bound);
    return bound;
  }

  /** Only the key's owner or a party granted its secret can decrypt; anyone else is refused. */
  public HomomorphicDecryption decryption(Ref heKeyRef, String party) throws GeneralSecurityException {
    KeyMaterial key = keys.loadSecret(heKeyRef.id(), party);
    return plugins.homomorphicScheme(key.schemeId()).newDecryption(key);
  }

  /**
   * A share holder's threshold decryption: partially decrypts with the party's own share.
   *
   * @throws KeyAccessDeniedException if the party holds no share of this key
   */
  public ThresholdDecryption share(Ref heKeyRef, String party) throws GeneralSecurityException {
    UUID shareId = keys.shareOf(heKeyRef.id(), party).orElseThrow(() -> new KeyAccessDeniedException(
        "'" + party + "' holds no share of threshold key " + heKeyRef.id()));
    KeyMaterial share = keys.loadSecret(shareId, party);
    return plugins.homomorphicScheme(share.schemeId()).newThresholdDecryption(share);
  }

  /** Combines share holders' partial decryptions; needs only the public key. */
  public ThresholdDecryption combiner(Ref heKeyRef) throws GeneralSecurityException {
    KeyMaterial key = keys.loadPublic(heKeyRef.id());
    return plugins.homomorphicScheme(key.schemeId()).newThresholdDecryption(key);
  }
}
