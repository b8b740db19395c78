package io.flep.workers.party;

import io.flep.exchange.Exchange;
import io.flep.exchange.ExchangeIntegrityException;
import io.flep.exchange.ExchangeRef;
import io.flep.exchange.PartyCredential;
import io.flep.exchange.VerifiedObject;
import io.flep.exchange.seal.Hpke;
import io.flep.exchange.seal.SealContext;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.failure.KeyAccessDeniedException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The exchange as workers use it: publish as a party, fetch verified, seal a secret to a party and open what was
 * sealed to this one. Failures become what the process model expects: an object that does not verify is an
 * {@link IntegrityViolationException}; a secret for a party that is not registered is a
 * {@link KeyAccessDeniedException} (untrusted party).
 */
@Component
public class ExchangeObjects {
  private final Exchange exchange;

  public ExchangeObjects(Exchange exchange) {
    this.exchange = exchange;
  }

  public ExchangeRef publish(PartyIdentity producer, UUID runId, String kind, Map<String, String> attributes,
      byte[] content) {
    return exchange.publish(producer, runId, kind, attributes, content);
  }

  /** The object, verified to come unaltered from a producer in one of {@code roles}. */
  public VerifiedObject fetch(ExchangeRef ref, String... roles) {
    try {
      return exchange.fetch(ref, Set.of(roles));
    } catch (ExchangeIntegrityException e) {
      throw new IntegrityViolationException(e.getMessage(), e);
    }
  }

  /** The object, verified as by {@link #fetch}, with a check that its attribute {@code name} is {@code expected}. */
  public VerifiedObject fetchExpecting(ExchangeRef ref, String name, String expected, String... roles) {
    VerifiedObject object = fetch(ref, roles);
    String actual = object.header().attributes().get(name);
    if (!expected.equals(actual)) {
      throw new IntegrityViolationException("exchange object " + ref + " is for " + name + " '" + actual
          + "', not '" + expected + "'");
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
    return Hpke.seal(recipient.agreementKey(), new SealContext(runId, keyId, purpose, recipient.partyId()), secret);
  }

  /**
   * Opens a box sealed to {@code me}.
   *
   * @throws IntegrityViolationException if it was sealed to someone else, for another context, or altered
   */
  public byte[] open(PartyIdentity me, UUID runId, String keyId, String purpose, byte[] box) {
    try {
      return Hpke.open(me.agreementKeys(), new SealContext(runId, keyId, purpose, me.partyId()), box);
    } catch (GeneralSecurityException e) {
      throw new IntegrityViolationException("the " + purpose + " sealed for '" + me.partyId() + "' (key " + keyId
          + ", run " + runId + ") does not open: " + e.getMessage(), e);
    }
  }
}
