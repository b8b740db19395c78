package io.flep.workers.iiot;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.aggregation.GlobalModels;
import io.flep.workers.aggregation.SecureAggregator;
import io.flep.workers.config.IiotRole;
import io.flep.workers.config.Parties;
import io.flep.exchange.ExchangeRef;
import io.flep.exchange.VerifiedObject;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.aggregation.Shareholders;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.config.Roles;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import io.flep.workers.audit.AuditLog;
import io.flep.workers.policy.RunPolicies;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Threshold path: the IIoT services combine the share holders' partial decryptions of the round's aggregate into
 * the new global model; needs no secret. Each partial counts under the share index dealt to the role of the party that
 * signed it, and only if that party is the run's holder of that share; the scheme checks each one's proof. A holder
 * whose partial is unsigned, another's, of another round or key, sent twice or wrong is left out, named in the task's
 * details and the IIoT services' audit chain, and the round is decrypted from the valid ones if there are enough
 * (otherwise {@code FLEP_AGGREGATION_REFUSED}).
 */
@IiotRole
public class CombinePartialDecryptionsWorker {
  private final StageRunner runner;
  private final SecureAggregator aggregator;
  private final ExchangeObjects exchange;
  private final PartyIdentities identities;
  private final GlobalModels globalModels;
  private final RunPolicies policies;
  private final AuditLog audit;

  public CombinePartialDecryptionsWorker(StageRunner runner, SecureAggregator aggregator, ExchangeObjects exchange,
      GlobalModels globalModels, PartyIdentities identities, RunPolicies policies, AuditLog audit) {
    this.exchange = exchange;
    this.identities = identities;
    this.runner = runner;
    this.aggregator = aggregator;
    this.globalModels = globalModels;
    this.policies = policies;
    this.audit = audit;
  }

  @JobWorker(type = JobTypes.COMBINE_PARTIAL_DECRYPTIONS, timeout = 10 * 60 * 1000L)
  public Map<String, Object> combine(ActivatedJob job) {
    return runner.run(job, Stage.AGGREGATE, Parties.IIOT_SERVICES, () -> {
      JobVariables vars = new JobVariables(job);
      ExchangeRef heKeyRef = vars.exchangeRef("heKeyRef");
      String cloud = policies.of(vars).cloud();
      Map<Integer, byte[]> partials = new TreeMap<>();
      Map<Integer, String> excluded = new TreeMap<>();
      for (ExchangeRef ref : vars.exchangeRefs("partialDecryptionRefs")) {
        // the share index is the one dealt to the signer's role, never what the partial says of itself
        int index = indexOf(ref.producer(), cloud);
        try {
          VerifiedObject partial = exchange.fetchExpecting(ref, HomomorphicKeys.HE_KEY, heKeyRef.address(),
              Shareholders.ROLES.toArray(String[]::new));
          String role = partial.header().producerRole();
          index = Shareholders.ROLES.indexOf(role) + 1;
          if (!partial.header().producer().equals(Shareholders.party(role, cloud))) {
            throw new IntegrityViolationException("partial decryption " + ref + " is signed by '"
                + partial.header().producer() + "', who holds no share of this run's key as " + role);
          }
          if (!Integer.toString(vars.round()).equals(partial.header().attributes().get("round"))) {
            throw new IntegrityViolationException("partial decryption " + ref + " is for round "
                + partial.header().attributes().get("round") + ", not round " + vars.round());
          }
          if (partials.containsKey(index) || excluded.containsKey(index)) {
            partials.remove(index);
            excluded.put(index, "share holder " + role + " sent more than one partial decryption of round "
                + vars.round());
            continue;
          }
          partials.put(index, partial.content());
        } catch (IntegrityViolationException e) {
          if (index < 1) {
            throw e; // nobody to exclude: not a share holder's object at all
          }
          partials.remove(index);
          excluded.put(index, e.getMessage());
        }
      }
      SecureAggregator.DecryptedSum round = aggregator.combineRound(vars.round(), heKeyRef,
          vars.exchangeRefs("updateRefs"), vars.exchangeRef("encryptedAggregateRef"), partials, excluded);
      round.excluded().forEach((index, why) -> audit.refused(Parties.IIOT_SERVICES, vars.runId(), "partial decryption of share holder "
          + Shareholders.ROLES.get(index - 1) + " left out of round " + vars.round() + ": " + why));
      ExchangeRef global = globalModels.publishUpdated(identities.of(Parties.IIOT_SERVICES, Roles.IIOT), vars.runId(),
          vars.round(), globalModels.current(vars), round.sum(), round.analysts());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("path", "threshold");
      details.put("contributors", round.contributors());
      details.put("partialDecryptions", partials.size());
      Map<String, String> left = new TreeMap<>();
      round.excluded().forEach((index, why) -> left.put(Shareholders.ROLES.get(index - 1), why));
      details.put("excludedShareholders", left);
      return TaskResult.of(Map.of("globalModelRef", global.toVariable(), "aggregatedBy", "threshold"), details);
    });
  }

  /** The share index of the party {@code producer} (1-based), or 0 if it holds no share of the run's key. */
  private static int indexOf(String producer, String cloud) {
    for (int i = 0; i < Shareholders.ROLES.size(); i++) {
      if (Shareholders.party(Shareholders.ROLES.get(i), cloud).equals(producer)) {
        return i + 1;
      }
    }
    return 0;
  }
}
