package io.flep.workers.store;

import io.flep.exchange.Sha256;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.workers.audit.AuditEvent;
import io.flep.workers.audit.AuditEventType;
import io.flep.workers.audit.AuditLog;
import io.flep.workers.audit.AuditRef;
import io.flep.workers.failure.BadInputException;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.failure.KeyAccessDeniedException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Key material in the party's private store. Public parts are stored as they are; secret parts only wrapped under
 * the party's {@link KeyEncryptionKey}, with the row id, owner, purpose, scheme and run bound into the associated
 * data, so a wrapped secret moved to another row, owner or run no longer unwraps. Every key stored is recorded in
 * its owner's audit chain when the storing transaction commits ({@code KEY_ISSUED}), every secret unwrapped before it
 * is handed out ({@code KEY_UNSEALED}).
 */
@Repository
public class KeyVault {
  private final JdbcTemplate jdbc;
  private final KeyEncryptionKey keyEncryptionKey;
  private final AuditLog audit;

  public KeyVault(JdbcTemplate jdbc, KeyEncryptionKey keyEncryptionKey, AuditLog audit) {
    this.jdbc = jdbc;
    this.keyEncryptionKey = keyEncryptionKey;
    this.audit = audit;
  }

  /** What a key is for, which decides who may be granted it. */
  public enum Purpose {
    /** A data-cipher key. */
    DATA,
    /** A homomorphic key pair or a share of one. */
    HOMOMORPHIC,
    /** The party's Ed25519 signature key (one per party). */
    IDENTITY,
    /** The party's X25519 key-agreement key that secrets are sealed to (one per party). */
    AGREEMENT,
    /** A symmetric key sealing data to one recipient (the test set for the IIoT services). */
    TRANSPORT
  }

  public Ref store(UUID runId, Purpose purpose, String owner, KeyMaterial key) {
    return store(runId, purpose, owner, key, null);
  }

  /** Stores one share holder's share of the threshold key {@code parentKeyId}, owned by that share holder. */
  public Ref storeShare(UUID runId, UUID parentKeyId, String owner, KeyMaterial share) {
    return store(runId, Purpose.HOMOMORPHIC, owner, share, parentKeyId);
  }

  /** The id of {@code party}'s share of the threshold key {@code parentKeyId}, if it holds one. */
  public Optional<UUID> shareOf(UUID parentKeyId, String party) {
    return jdbc.queryForList("select id from key_material where parent_key_id = ? and owner = ?", UUID.class,
        parentKeyId, party).stream().findFirst();
  }

  private Ref store(UUID runId, Purpose purpose, String owner, KeyMaterial key, UUID parentKeyId) {
    UUID id = UUID.randomUUID();
    byte[] publicPart = key.serializePublic();
    byte[] wrapped = null;
    if (key.hasSecret()) {
      try {
        wrapped = keyEncryptionKey.wrap(key.serializeSecret(SecretAccess.get()),
            context(id, owner, purpose.name(), key.schemeId(), runId));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("could not wrap the new " + key.schemeId() + " key: " + e.getMessage(), e);
      }
    }
    jdbc.update(
        "insert into key_material (id, run_id, scheme_id, purpose, owner, public_part, wrapped_secret, parent_key_id)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?)",
        id, runId, key.schemeId(), purpose.name(), owner, publicPart, wrapped, parentKeyId);
    Ref ref = new Ref(id, Sha256.hex(publicPart), publicPart.length);
    audit.recordOnCommit(owner, AuditEvent.of(AuditEventType.KEY_ISSUED, runId, "stored " + purpose + " key "
        + id + " (" + key.schemeId() + (parentKeyId == null ? "" : ", a share of key " + parentKeyId) + "), "
        + (wrapped == null ? "public part only" : "secret wrapped under the key-encryption key"),
        AuditRef.key(id, ref.sha256())));
    return ref;
  }

  /** The id of the party's long-lived key of this purpose (one per party: identity, agreement), if it has one. */
  public Optional<UUID> partyKeyOf(String party, Purpose purpose) {
    return jdbc.queryForList("select id from key_material where purpose = ? and owner = ? and run_id is null",
        UUID.class, purpose.name(), party).stream().findFirst();
  }

  public KeyMaterial loadPublic(UUID keyId) {
    byte[] publicPart =
        single(jdbc.queryForList("select public_part from key_material where id = ?", byte[].class, keyId), keyId);
    try {
      return KeyMaterial.deserialize(publicPart);
    } catch (GeneralSecurityException e) {
      throw new IntegrityViolationException("stored public key " + keyId + " is corrupt: " + e.getMessage(), e);
    }
  }

  /** The full key, for its owner only: what another party needs is sealed to it, never granted. */
  public KeyMaterial loadSecret(UUID keyId, String requester) {
    List<Map<String, Object>> rows = jdbc.queryForList(
        "select owner, purpose, scheme_id, run_id, public_part from key_material where id = ?", keyId);
    String owner = (String) single(rows, keyId).get("owner");
    if (!owner.equals(requester)) {
      throw new KeyAccessDeniedException("'" + requester + "' does not own key " + keyId
          + "; a secret reaches another party only sealed to it");
    }
    byte[] wrapped =
        jdbc.queryForObject("select wrapped_secret from key_material where id = ?", byte[].class, keyId);
    if (wrapped == null) {
      throw new KeyAccessDeniedException("key " + keyId + " has no secret part stored here");
    }
    Map<String, Object> row = rows.get(0);
    KeyMaterial key;
    try {
      key = KeyMaterial.deserialize(keyEncryptionKey.unwrap(wrapped, context(keyId, owner,
          (String) row.get("purpose"), (String) row.get("scheme_id"), (UUID) row.get("run_id"))));
    } catch (GeneralSecurityException e) {
      throw new IntegrityViolationException(
          "the wrapped secret of key " + keyId + " does not authenticate under this party's key-encryption key"
              + " (" + keyEncryptionKey.source() + "): the row was altered or moved, or the key is another party's: "
              + e.getMessage(), e);
    }
    audit.record(owner, AuditEvent.of(AuditEventType.KEY_UNSEALED, (UUID) row.get("run_id"), "unwrapped the secret"
        + " of " + row.get("purpose") + " key " + keyId + " (" + row.get("scheme_id") + ")",
        AuditRef.key(keyId, Sha256.hex((byte[]) row.get("public_part")))));
    return key;
  }

  /** The associated data of a wrapped secret: length-prefixed, so no two different contexts encode alike. */
  private static byte[] context(UUID keyId, String owner, String purpose, String scheme, UUID runId) {
    StringBuilder context = new StringBuilder("flep-key-v2");
    for (String field : new String[] {keyId.toString(), owner, purpose, scheme, String.valueOf(runId)}) {
      context.append('|').append(field.length()).append(':').append(field);
    }
    return context.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static <T> T single(List<T> rows, UUID keyId) {
    if (rows.isEmpty()) {
      throw new BadInputException("no key " + keyId + " in the private database");
    }
    return rows.get(0);
  }
}
