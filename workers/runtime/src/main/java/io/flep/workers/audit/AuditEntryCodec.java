package io.flep.workers.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The canonical encoding of an audit entry, what its hash and signature cover. Version 1:
 *
 * <pre>
 * entry_hash = SHA-256( "flep-audit-entry-v1"
 *                       ‖ str(party) ‖ i64(seq) ‖ i64(time as microseconds since 1970-01-01T00:00Z)
 *                       ‖ str(type) ‖ str(run id as lowercase UUID, or absent) ‖ str(detail)
 *                       ‖ u32(number of refs) ‖ for each ref in order: str(kind) ‖ str(id) ‖ str(sha256)
 *                       ‖ str(prev_hash) )
 * str(s)     = u32(byte length of s in UTF-8) ‖ UTF-8 bytes of s;  absent = u32(0xFFFFFFFF)
 * u32, i64   = big-endian
 * signature  = Ed25519( "flep-audit-signature-v1" ‖ 0x00 ‖ the 32 bytes of entry_hash )
 * </pre>
 *
 * Every variable field is length-prefixed and an absent run differs from any present one, so no two different
 * entries encode alike; the signature's domain prefix keeps it from being valid as any other FLEP signature.
 * Hashes are written as 64 lowercase hex digits; the first entry's {@code prev_hash} is {@link #GENESIS}.
 */
public final class AuditEntryCodec {
  /** The {@code prev_hash} of a party's first entry. */
  public static final String GENESIS = "0".repeat(64);
  private static final byte[] ENTRY_DOMAIN = "flep-audit-entry-v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SIGNATURE_DOMAIN = "flep-audit-signature-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<AuditRef>> REFS = new TypeReference<>() {};

  private AuditEntryCodec() {}

  /** Entry times are kept to the microsecond, what PostgreSQL stores. */
  public static Instant truncate(Instant time) {
    return time.truncatedTo(ChronoUnit.MICROS);
  }

  public static String entryHash(String party, long seq, Instant time, AuditEventType type, UUID runId,
      String detail, List<AuditRef> refs, String prevHash) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(ENTRY_DOMAIN);
    str(out, party);
    i64(out, seq);
    i64(out, ChronoUnit.MICROS.between(Instant.EPOCH, time));
    str(out, type.name());
    str(out, runId == null ? null : runId.toString());
    str(out, detail);
    u32(out, refs.size());
    for (AuditRef ref : refs) {
      str(out, ref.kind());
      str(out, ref.id());
      str(out, ref.sha256());
    }
    str(out, prevHash);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** {@link #entryHash} of the entry's own fields. */
  public static String entryHash(AuditEntry e) {
    return entryHash(e.party(), e.seq(), e.time(), e.type(), e.runId(), e.detail(), e.refs(), e.prevHash());
  }

  /** What the party signs for an entry with this hash. */
  public static byte[] signedMessage(String entryHash) {
    byte[] hash = HexFormat.of().parseHex(entryHash);
    byte[] message = new byte[SIGNATURE_DOMAIN.length + hash.length];
    System.arraycopy(SIGNATURE_DOMAIN, 0, message, 0, SIGNATURE_DOMAIN.length);
    System.arraycopy(hash, 0, message, SIGNATURE_DOMAIN.length, hash.length);
    return message;
  }

  /** The {@code refs} column: a JSON array of {kind, id, sha256}, in the entry's order. */
  public static String refsToJson(List<AuditRef> refs) {
    try {
      return JSON.writeValueAsString(refs);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit references are plain strings: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the {@code refs} column.
   *
   * @throws IllegalArgumentException if it is not what {@link #refsToJson} writes
   */
  public static List<AuditRef> refsFromJson(String json) {
    try {
      return JSON.readValue(json, REFS);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the references are not a JSON array of {kind, id, sha256}: "
          + e.getOriginalMessage(), e);
    }
  }

  private static void str(ByteArrayOutputStream out, String s) {
    if (s == null) {
      u32(out, 0xFFFFFFFF);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    u32(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void u32(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private static void i64(ByteArrayOutputStream out, long v) {
    u32(out, (int) (v >>> 32));
    u32(out, (int) v);
  }
}
