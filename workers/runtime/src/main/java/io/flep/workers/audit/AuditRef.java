package io.flep.workers.audit;

import io.flep.exchange.ExchangeRef;
import java.util.Objects;
import java.util.UUID;

/**
 * What an audit entry refers to, with the SHA-256 that identifies its content. {@code ./flep audit verify} checks
 * every reference it can find: the local ones against the party's store, the exchange ones against the exchange.
 *
 * @param kind   {@link #KEY}: a {@code key_material} row, by id, digest of its public part; {@link #ARTIFACT}: an
 *               {@code artifact} row, by id, digest of its content; {@link #CONTRIBUTION}: a
 *               {@code signed_contribution} row, by {@code <he key>/<round>/<analyst>}, digest of its ciphertext;
 *               {@link #EXCHANGE}: an exchange object, by its storage key, digest = its address; {@link #DIGEST}: a
 *               value that is not kept (an aggregate, a sealed box, an object that failed verification), by a name —
 *               recorded for comparison with other records, not checked
 * @param id     what identifies it within its kind
 * @param sha256 64 lowercase hex digits
 */
public record AuditRef(String kind, String id, String sha256) {
  public static final String KEY = "key";
  public static final String ARTIFACT = "artifact";
  public static final String CONTRIBUTION = "contribution";
  public static final String EXCHANGE = "exchange";
  public static final String DIGEST = "digest";

  public AuditRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("an audit reference carries a SHA-256 as 64 lowercase hex digits, got "
          + sha256 + " for " + kind + " " + id);
    }
  }

  /** A key in the party's vault, with the digest of its stored public part. */
  public static AuditRef key(UUID id, String publicPartSha256) {
    return new AuditRef(KEY, id.toString(), publicPartSha256);
  }

  /** An artifact in the party's store, with the digest of its content. */
  public static AuditRef artifact(UUID id, String contentSha256) {
    return new AuditRef(ARTIFACT, id.toString(), contentSha256);
  }

  /** An analyst's recorded contribution for a key and round. */
  public static AuditRef contribution(String heKey, int round, String analyst, String ciphertextSha256) {
    return new AuditRef(CONTRIBUTION, heKey + "/" + round + "/" + analyst, ciphertextSha256);
  }

  /** An exchange object: its storage key and address. */
  public static AuditRef exchange(ExchangeRef ref) {
    return new AuditRef(EXCHANGE, ref.key(), ref.address());
  }

  /** A value identified only by its digest. */
  public static AuditRef digest(String name, String sha256) {
    return new AuditRef(DIGEST, name, sha256);
  }
}
