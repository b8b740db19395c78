package io.flep.workers.party;

import io.flep.exchange.Exchange;
import io.flep.exchange.ExchangeIntegrityException;
import io.flep.exchange.ExchangeRef;
import io.flep.exchange.PartyCredential;
import io.flep.exchange.Sha256;
import io.flep.exchange.VerifiedObject;
import io.flep.exchange.seal.Hpke;
import io.flep.exchange.seal.SealContext;
import io.flep.workers.audit.AuditEvent;
import io.flep.workers.audit.AuditEventType;
import io.flep.workers.audit.AuditLog;
import io.flep.workers.audit.AuditRef;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.failure.KeyAccessDeniedException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The exchange as workers use it: publish as a party, fetch verified, seal a secret to a party and open what was
 * sealed to this one. Failures become what the process model expects: an object that does not verify is an
 * {@link IntegrityViolationException}; a secret for a party that is not registered is a
 * {@link KeyAccessDeniedException} (untrusted party). Sealing ({@code KEY_SEALED}), opening ({@code KEY_UNSEALED})
 * and refusing an object that does not verify ({@code REFUSED}) are recorded in the audit chain of the party acting
 * ({@link AuditLog#actingParty}).
 */
@Component
public class ExchangeObjects {
  private static final Logger LOG = LoggerFactory.getLogger(ExchangeObjects.class);
  private final Exchange exchange;
  private final AuditLog audit;

  public ExchangeObjects(Exchange exchange, AuditLog audit) {
    this.exchange = exchange;
    this.audit = audit;
  }

  public ExchangeRef publish(PartyIdentity producer, UUID runId, String kind, Map<String, String> attributes,
      byte[] content) {
    return exchange.publish(producer, runId, kind, attributes, content);
  }

  /** The object, verified to come unaltered from a producer in one of {@code roles}. */
  public VerifiedObject fetch(ExchangeRef ref, String... roles) {
    try {
      return exchange.fetch(ref, Set.of(roles));
    } catch (io.flep.exchange.federation.CertificateOutOfDateException e) {
      // not a party breaking a rule but a certificate to renew: a technical failure (retries, then an incident)
      throw new IllegalStateException(e.getMessage(), e);
    } catch (ExchangeIntegrityException e) {
      refusedObject(ref, e.getMessage());
      throw new IntegrityViolationException(e.getMessage(), e);
    }
  }

  /** The object, verified as by {@link #fetch}, with a check that its attribute {@code name} is {@code expected}. */
  public VerifiedObject fetchExpecting(ExchangeRef ref, String name, String expected, String... roles) {
    VerifiedObject object = fetch(ref, roles);
    String actual = object.header().attributes().get(name);
    if (!expected.equals(actual)) {
      String message = "exchange object " + ref + " is for " + name + " '" + actual + "', not '" + expected + "'";
      refusedObject(ref, message);
      throw new IntegrityViolationException(message);
    }
    return object;
  }

  /** The certified credential of {@code partyId}, which must have {@code role}. */
  public PartyCredential credentialOf(String partyId, String role) {
    PartyCredential credential;
    try {
      credential = exchange.directory().find(partyId).orElseThrow(() -> new KeyAccessDeniedException(
          "party '" + partyId + "' has no certificate in the exchange, so no secret can be sealed to it"));
    } catch (ExchangeIntegrityException e) {
      throw new KeyAccessDeniedException("no secret is sealed to party '" + partyId + "': " + e.getMessage(), e);
    }
    if (!credential.role().equals(role)) {
      throw new KeyAccessDeniedException("party '" + partyId + "' is registered as " + credential.role()
          + ", not as " + role);
    }
    return credential;
  }

  /** Seals {@code secret} to {@code recipient}'s X25519 key, bound to the run, key id and purpose. */
  public byte[] seal(PartyCredential recipient, UUID runId, String keyId, String purpose, byte[] secret) {
    byte[] box = Hpke.seal(recipient.agreementKey(), new SealContext(runId, keyId, purpose, recipient.partyId()),
        secret);
    Optional<String> sealer = audit.actingParty();
    if (sealer.isPresent()) {
      audit.record(sealer.get(), AuditEvent.of(AuditEventType.KEY_SEALED, runId, "sealed the " + purpose + " (key "
          + keyId + ") to " + recipient.role() + " '" + recipient.partyId() + "'", AuditRef.digest("sealed box",
          Sha256.hex(box))));
    } else {
      LOG.warn("the {} (key {}) was sealed to '{}' outside a task in a process of several parties: no audit chain"
          + " to record it in", purpose, keyId, recipient.partyId());
    }
    return box;
  }

  /**
   * Opens a box sealed to {@code me}.
   *
   * @throws IntegrityViolationException if it was sealed to someone else, for another context, or altered
   */
  public byte[] open(PartyIdentity me, UUID runId, String keyId, String purpose, byte[] box) {
    byte[] plain;
    try {
      plain = Hpke.open(me.agreementKeys(), new SealContext(runId, keyId, purpose, me.partyId()), box);
    } catch (GeneralSecurityException e) {
      String message = "the " + purpose + " sealed for '" + me.partyId() + "' (key " + keyId + ", run " + runId
          + ") does not open: " + e.getMessage();
      audit.refused(me.partyId(), runId, message, AuditRef.digest("sealed box", Sha256.hex(box)));
      throw new IntegrityViolationException(message, e);
    }
    try {
      audit.record(me.partyId(), AuditEvent.of(AuditEventType.KEY_UNSEALED, runId, "opened the " + purpose
          + " (key " + keyId + ") sealed to it", AuditRef.digest("sealed box", Sha256.hex(box))));
    } catch (RuntimeException e) {
      java.util.Arrays.fill(plain, (byte) 0); // not handed out unrecorded
      throw e;
    }
    return plain;
  }

  /** Records that the acting party refused an exchange object; the reference names what it expected. */
  private void refusedObject(ExchangeRef ref, String why) {
    audit.actingParty().ifPresent(party -> audit.refused(party, ref.runId(), why,
        AuditRef.digest(ref.key(), ref.address())));
  }
}
