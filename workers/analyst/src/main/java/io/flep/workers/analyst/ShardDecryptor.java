package io.flep.workers.analyst;

import io.flep.exchange.ExchangeRef;
import io.flep.exchange.VerifiedObject;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.dataset.DataCiphers;
import io.flep.workers.dataset.EncryptedShard;
import io.flep.workers.dataset.GreyImages;
import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.dataset.ShardEnvelope;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import io.flep.workers.store.DataAssociation;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Decrypts one analyst's shard: opens the envelope the data owner sealed to this analyst (data key and labels),
 * fetches the encrypted shard it names from the exchange, and decrypts every image. A ciphertext that fails
 * authentication is an integrity violation, never a garbage image.
 */
@Component
public class ShardDecryptor {
  private final PluginRegistry plugins;
  private final ExchangeObjects exchange;

  public ShardDecryptor(PluginRegistry plugins, ExchangeObjects exchange) {
    this.plugins = plugins;
    this.exchange = exchange;
  }

  public List<LabeledImage> decrypt(UUID runId, PartyIdentity me, ExchangeRef envelopeRef)
      throws GeneralSecurityException {
    VerifiedObject sealed = exchange.fetchExpecting(envelopeRef, "recipient", me.partyId(), Roles.DATA_OWNER);
    String shardAddress = sealed.header().attribute("shard");
    byte[] plain = exchange.open(me, runId, shardAddress, ExchangeKinds.DATA_KEY_PURPOSE, sealed.content());
    ShardEnvelope envelope;
    try {
      envelope = ShardEnvelope.decode(plain);
    } catch (IllegalArgumentException e) {
      throw new IntegrityViolationException("the data-key envelope " + envelopeRef + " is corrupt: " + e.getMessage(),
          e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    byte[] keyBytes = envelope.dataKey();
    try {
      if (!envelope.shardAddress().equals(shardAddress)) {
        throw new IntegrityViolationException("the data-key envelope " + envelopeRef + " opens shard "
            + envelope.shardAddress() + " but is labelled for " + shardAddress);
      }
      KeyMaterial key = KeyMaterial.deserialize(keyBytes);
      ExchangeRef shardRef = new ExchangeRef(shardAddress, runId, ExchangeKinds.ENCRYPTED_SHARD,
          envelopeRef.producer());
      EncryptedShard shard;
      try {
        shard = EncryptedShard.decode(exchange.fetchExpecting(shardRef, "analyst", me.partyId(), Roles.DATA_OWNER)
            .content());
      } catch (IllegalArgumentException e) {
        throw new IntegrityViolationException("encrypted shard " + shardRef + " is corrupt: " + e.getMessage(), e);
      }
      if (shard.items().size() != envelope.labels().size()) {
        throw new IntegrityViolationException("encrypted shard " + shardRef + " holds " + shard.items().size()
            + " images, its envelope labels " + envelope.labels().size());
      }
      DataCiphers.ItemCipher cipher = new DataCiphers(plugins).forKey(key);
      List<LabeledImage> images = new ArrayList<>(shard.items().size());
      for (int i = 0; i < shard.items().size(); i++) {
        EncryptedShard.Item item = shard.items().get(i);
        ShardEnvelope.Label label = envelope.labels().get(i);
        if (label.index() != item.index()) {
          throw new IntegrityViolationException("encrypted shard " + shardRef + " item " + i + " is image "
              + item.index() + ", its envelope labels image " + label.index());
        }
        byte[] png;
        try {
          png = cipher.decrypt(item.ciphertext(), DataAssociation.of(runId, item.index()));
        } catch (GeneralSecurityException e) {
          throw new IntegrityViolationException("image " + item.index() + " of " + shardRef
              + " failed authentication with the " + key.schemeId() + " data key: " + e.getMessage(), e);
        }
        images.add(GreyImages.decode(png, label.label(), "item " + item.index()));
      }
      return images;
    } finally {
      Arrays.fill(keyBytes, (byte) 0);
      envelope.wipe();
    }
  }
}
