package io.flep.workers.audit;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One security-relevant event, as a party records it. {@code detail} is a short, public sentence: ids, purposes,
 * counts — never a secret, a plaintext or a private detail (entries are meant to be shown to auditors).
 *
 * @param runId the run it belongs to, or null (a party's long-lived keys)
 */
public record AuditEvent(AuditEventType type, UUID runId, String detail, List<AuditRef> refs) {
  /** Longest detail kept; a longer one (an exception's message) is cut, with an ellipsis. */
  static final int MAX_DETAIL = 2000;

  public AuditEvent {
    Objects.requireNonNull(type, "type");
    detail = detail == null ? "" : detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    refs = refs == null ? List.of() : List.copyOf(refs);
  }

  public static AuditEvent of(AuditEventType type, UUID runId, String detail, AuditRef... refs) {
    return new AuditEvent(type, runId, detail, List.of(refs));
  }
}
