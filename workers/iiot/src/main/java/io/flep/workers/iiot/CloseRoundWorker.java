package io.flep.workers.iiot;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.exchange.ExchangeRef;
import io.flep.workers.aggregation.EncryptedUpdates;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.workers.config.IiotRole;
import io.flep.workers.config.Parties;
import io.flep.workers.config.Roles;
import io.flep.workers.failure.AggregationRefusedException;
import io.flep.workers.failure.PolicyRefusedException;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.party.Statements;
import io.flep.workers.policy.RunPolicies;
import io.flep.workers.policy.RunPolicy;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Closes a round once the model's Analyze has completed, that is once every analyst has contributed or the round
 * deadline has passed: the IIoT services verify each update in {@code updateRefs} (signed by its analyst for this run,
 * round and key, {@link EncryptedUpdates}: an update of another round, a late one smuggled into the next round
 * included, is an integrity violation), state who contributed and which of the policy's analysts missed the round
 * (statement {@value #ROUND_CLOSED}, what the run report's participation is made of), and refuse the round with
 * {@code FLEP_AGGREGATION_REFUSED} when fewer than the signed policy's K contributed. Nothing is aggregated or
 * decrypted here.
 */
@IiotRole
public class CloseRoundWorker {
  /** The kind of the IIoT services' statement of a closed round. */
  public static final String ROUND_CLOSED = "round-closed";

  private final StageRunner runner;
  private final RunPolicies policies;
  private final HomomorphicKeys heKeys;
  private final EncryptedUpdates updates;
  private final PartyIdentities identities;
  private final Statements statements;

  public CloseRoundWorker(StageRunner runner, RunPolicies policies, HomomorphicKeys heKeys, EncryptedUpdates updates,
      PartyIdentities identities, Statements statements) {
    this.runner = runner;
    this.policies = policies;
    this.heKeys = heKeys;
    this.updates = updates;
    this.identities = identities;
    this.statements = statements;
  }

  @JobWorker(type = JobTypes.CLOSE_ROUND, timeout = 10 * 60 * 1000L)
  public Map<String, Object> close(ActivatedJob job) {
    return runner.run(job, Stage.AGGREGATE, Parties.IIOT_SERVICES, () -> {
      JobVariables vars = new JobVariables(job);
      RunPolicy policy = policies.of(vars);
      int round = vars.round();
      Duration deadline = policy.roundDeadlineDuration();
      requirePolicyDeadline(vars, deadline);
      HomomorphicKeys.Bound key = heKeys.withPublicKey(vars.exchangeRef("heKeyRef"));
      key.requireIssuedUnder(vars.exchangeRef(RunPolicies.VARIABLE).address());
      List<ExchangeRef> refs = vars.exchangeRefs("updateRefs"); // an analyst that missed the deadline left a null
      Set<String> contributed = refs.isEmpty() ? Set.of() : updates.load(key, round, refs).stream()
          .map(EncryptedUpdates.Contribution::analyst).collect(Collectors.toSet());
      List<String> contributors = policy.analysts().stream().filter(contributed::contains).toList();
      List<String> missed = policy.analysts().stream().filter(a -> !contributed.contains(a)).toList();
      int k = policy.minContributors();
      boolean refused = contributors.size() < k;

      Map<String, Object> fact = new LinkedHashMap<>();
      fact.put("round", round);
      fact.put("contributors", contributors);
      fact.put("missed", missed);
      fact.put("minContributors", k);
      fact.put("roundDeadline", policy.roundDeadline());
      fact.put("refused", refused);
      statements.publish(identities.of(Parties.IIOT_SERVICES, Roles.IIOT), vars.runId(), ROUND_CLOSED,
          Map.of("round", Integer.toString(round)), fact);
      if (refused) {
        throw new AggregationRefusedException("round " + round + " closed with " + contributors.size() + " of "
            + policy.analysts().size() + " analysts' updates " + (contributors.isEmpty() ? "" : contributors + " ")
            + "by its deadline (" + policy.roundDeadline() + "), but the run policy requires K = " + k
            + "; missed the deadline: " + String.join(", ", missed) + ". Nothing of this round is aggregated.");
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("round", round);
      details.put("contributors", contributors);
      details.put("missed", missed);
      details.put("minContributors", k);
      return TaskResult.of(Map.of(), details);
    });
  }

  /** The model's timer must have waited the policy's deadline: a variable that shortens it is refused. */
  private static void requirePolicyDeadline(JobVariables vars, Duration signed) {
    String used = vars.stringOr("roundDeadline", null);
    Duration modelled;
    try {
      modelled = used == null ? null : Duration.parse(used);
    } catch (DateTimeParseException e) {
      modelled = null;
    }
    if (!signed.equals(modelled)) {
      throw new PolicyRefusedException("the model's round deadline (process variable 'roundDeadline' = " + used
          + ") is not the signed run policy's " + signed + "; analysts are skipped only after the policy's deadline");
    }
  }
}
