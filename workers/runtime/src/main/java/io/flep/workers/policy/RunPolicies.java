package io.flep.workers.policy;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flep.exchange.ExchangeRef;
import io.flep.exchange.VerifiedObject;
import io.flep.workers.audit.AuditEvent;
import io.flep.workers.audit.AuditEventType;
import io.flep.workers.audit.AuditLog;
import io.flep.workers.audit.AuditRef;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.failure.PolicyRefusedException;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import io.flep.workers.task.JobVariables;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Run policies in the exchange: the data owner publishes one signed (kind {@code run-policy}); every other party
 * fetches it by the reference in the process variable {@value #VARIABLE}, verifies it is the data owner's, unaltered,
 * for this run, and within the rules — and acts only within it.
 */
@Component
public class RunPolicies {
  /** The process variable holding the policy's exchange reference. */
  public static final String VARIABLE = "policyRef";
  /** The attribute of an HE public key naming the policy it was issued under (the IIoT services' countersignature). */
  public static final String POLICY_ATTRIBUTE = "policy";
  /** Sorted keys and properties: the same policy always encodes to the same bytes, so it has one address. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private final ExchangeObjects exchange;
  private final AuditLog audit;
  private final Map<String, RunPolicy> verified = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, RunPolicy> eldest) {
      return size() > 64;
    }
  });

  public RunPolicies(ExchangeObjects exchange, AuditLog audit) {
    this.exchange = exchange;
    this.audit = audit;
  }

  /** Signs and publishes {@code policy} as the data owner; the reference goes into the process variables. */
  public ExchangeRef publish(PartyIdentity dataOwner, RunPolicy policy) {
    if (!Roles.DATA_OWNER.equals(dataOwner.role())) {
      throw new IllegalArgumentException("only the data owner signs a run's policy, not " + dataOwner.role());
    }
    ExchangeRef ref = exchange.publish(dataOwner, policy.runId(), ExchangeKinds.RUN_POLICY, Map.of(), encode(policy));
    audit.record(dataOwner.partyId(), AuditEvent.of(AuditEventType.POLICY_VERIFIED, policy.runId(),
        "signed and published the run policy: " + summary(policy), AuditRef.exchange(ref)));
    return ref;
  }

  /**
   * The run's verified policy, from {@value #VARIABLE}.
   *
   * @throws PolicyRefusedException if there is none, or it is for another run
   * @throws IntegrityViolationException if it is altered or not the data owner's
   */
  public RunPolicy of(JobVariables vars) {
    Object value = vars.all().get(VARIABLE);
    if (value == null) {
      throw new PolicyRefusedException("the run has no signed policy (process variable '" + VARIABLE + "'); a party"
          + " acts only under a policy the data owner signed");
    }
    return verified(vars.exchangeRef(VARIABLE), vars.runId());
  }

  /** The policy {@code ref} names, verified as the data owner's policy of {@code runId}. */
  public RunPolicy verified(ExchangeRef ref, UUID runId) {
    String party = audit.actingParty().orElse("");
    RunPolicy known = verified.get(party + " " + ref.address());
    if (known != null && known.runId().equals(runId)) {
      return known;
    }
    if (!ExchangeKinds.RUN_POLICY.equals(ref.kind()) || !runId.equals(ref.runId())) {
      throw new PolicyRefusedException("the policy reference " + ref + " is not a run policy of run " + runId);
    }
    VerifiedObject object = exchange.fetch(ref, Roles.DATA_OWNER);
    RunPolicy policy;
    try {
      policy = decode(object.content());
    } catch (IllegalArgumentException e) {
      throw new PolicyRefusedException("the run policy " + ref + " is refused: " + e.getMessage(), e);
    }
    if (!policy.runId().equals(runId)) {
      throw new PolicyRefusedException("the run policy " + ref + " is for run " + policy.runId() + ", not " + runId);
    }
    verified.put(party + " " + ref.address(), policy);
    if (!party.isEmpty()) {
      audit.record(party, AuditEvent.of(AuditEventType.POLICY_VERIFIED, runId,
          "verified the data owner's run policy: " + summary(policy), AuditRef.exchange(ref)));
    }
    return policy;
  }

  private static String summary(RunPolicy policy) {
    return "analysts " + policy.analysts() + ", K " + policy.minContributors() + ", rounds " + policy.rounds()
        + ", round deadline " + policy.roundDeadline() + ", trusted clouds " + policy.trustedClouds()
        + (policy.reproduction() ? ", paper reproduction" : "");
  }

  static byte[] encode(RunPolicy policy) {
    try {
      return JSON.writeValueAsBytes(policy);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the run policy: " + e.getMessage(), e);
    }
  }

  static RunPolicy decode(byte[] bytes) {
    try {
      return JSON.readValue(bytes, RunPolicy.class);
    } catch (IOException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException rule ? rule : e;
      throw new IllegalArgumentException(cause.getMessage(), e);
    }
  }
}
