package io.flep.workers.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of a party's audit chain, as stored in {@code audit_entry}.
 *
 * @param seq       1 for the party's first entry, then one more for each
 * @param time      when it was recorded, to the microsecond
 * @param prevHash  the previous entry's {@code entryHash}, or {@link AuditEntryCodec#GENESIS} for the first
 * @param entryHash {@link AuditEntryCodec#entryHash} of the other fields
 * @param signature the party's Ed25519 signature over {@link AuditEntryCodec#signedMessage}
 */
public record AuditEntry(String party, long seq, Instant time, AuditEventType type, UUID runId, String detail,
    List<AuditRef> refs, String prevHash, String entryHash, byte[] signature) {}
