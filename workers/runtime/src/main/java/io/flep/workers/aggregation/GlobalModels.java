package io.flep.workers.aggregation;

import io.flep.exchange.ExchangeRef;
import io.flep.exchange.VerifiedObject;
import io.flep.workers.failure.AggregationRefusedException;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.model.ModelArchitecture;
import io.flep.workers.model.ModelCodec;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.policy.RunPolicies;
import io.flep.workers.policy.RunPolicy;
import io.flep.workers.config.Roles;
import io.flep.workers.task.JobVariables;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The round's global model: where the analysts start from ({@link #current}) and the next one, the current model
 * plus the mean of the analysts' updates (FedAvg), published to the exchange by whoever decrypted the round (the
 * IIoT services, or the trusted cloud).
 *
 * <p>A global model is accepted only as what it claims to be — a global model of this run — from the decryptor of a
 * round: the IIoT services, or a cloud the run's signed policy trusts with the secret key. Any other cloud could
 * publish a crafted model for the analysts to train on (the route to reconstructing their data from their updates
 * that secure aggregation does not close).
 */
@Component
public class GlobalModels {
  private final ExchangeObjects exchange;
  private final ModelArchitecture model;
  private final RunPolicies policies;

  public GlobalModels(ExchangeObjects exchange, ModelArchitecture model, RunPolicies policies) {
    this.exchange = exchange;
    this.model = model;
    this.policies = policies;
  }

  /** The global model the round starts from: the last published one, or the seeded initial model. */
  public float[] current(JobVariables vars) {
    ExchangeRef globalRef = vars.exchangeRefOrNull("globalModelRef");
    return globalRef == null ? model.initialParams(vars.longOr("seed", 42))
        : ModelCodec.decode(fetch(globalRef, vars).content(), model);
  }

  /**
   * The model round {@code round} builds on, as an analyst accepts it: the initial model in round 1, else the global
   * model the IIoT services (or the trusted cloud) published for round {@code round - 1} of this run. An update is
   * only ever computed against that base, so a round number set by anyone else cannot make an analyst sign an
   * update twice against the same model.
   *
   * @throws AggregationRefusedException if the variables name another base
   */
  public float[] baseOf(JobVariables vars, int round) {
    ExchangeRef globalRef = vars.exchangeRefOrNull("globalModelRef");
    if (round == 1) {
      if (globalRef != null) {
        throw new AggregationRefusedException("round 1 builds on the initial model, but the job names the global"
            + " model " + globalRef + "; no update is signed");
      }
      return model.initialParams(vars.longOr("seed", 42));
    }
    if (globalRef == null || !globalRef.runId().equals(vars.runId())) {
      throw new AggregationRefusedException("round " + round + " builds on the global model of round " + (round - 1)
          + " of run " + vars.runId() + ", but the job names " + globalRef + "; no update is signed");
    }
    VerifiedObject published = fetch(globalRef, vars);
    String publishedRound = published.header().attributes().get("round");
    if (!Integer.toString(round - 1).equals(publishedRound)) {
      throw new AggregationRefusedException("round " + round + " builds on the global model of round " + (round - 1)
          + ", but " + globalRef + " is round " + publishedRound + "'s; no update is signed");
    }
    return ModelCodec.decode(published.content(), model);
  }

  /**
   * A global model of this run, verified to come from the IIoT services or a cloud the run policy trusts.
   *
   * @throws IntegrityViolationException for another kind of object, another run's, or another publisher's
   */
  private VerifiedObject fetch(ExchangeRef ref, JobVariables vars) {
    if (!ExchangeKinds.GLOBAL_MODEL.equals(ref.kind()) || !ref.runId().equals(vars.runId())) {
      throw new IntegrityViolationException("the job names " + ref + " as the global model of run " + vars.runId()
          + ", but it is a " + ref.kind() + " of run " + ref.runId());
    }
    RunPolicy policy = policies.of(vars);
    return policy.trusts(ref.producer()) ? exchange.fetch(ref, Roles.IIOT, Roles.CLOUD) : exchange.fetch(ref, Roles.IIOT);
  }

  /** Decodes a stored model of this architecture (a local or a global one), checking its id and size. */
  public float[] decode(byte[] encoded) {
    return ModelCodec.decode(encoded, model);
  }

  /**
   * Publishes current + sum / contributors, the sum being the decrypted sum of the analysts' updates (local model
   * minus current).
   */
  public ExchangeRef publishUpdated(PartyIdentity publisher, UUID runId, int round, float[] current, double[] sum,
      List<String> analysts) {
    int contributors = analysts.size();
    if (sum.length != current.length) {
      throw new IllegalArgumentException("the aggregate has " + sum.length + " values but the model has "
          + current.length + " parameters");
    }
    float[] average = new float[sum.length];
    for (int i = 0; i < sum.length; i++) {
      average[i] = (float) (current[i] + sum[i] / contributors);
    }
    return exchange.publish(publisher, runId, ExchangeKinds.GLOBAL_MODEL,
        Map.of("round", Integer.toString(round), "contributors", Integer.toString(contributors),
            "analysts", String.join(",", analysts)),
        ModelCodec.encode(model.architectureId(), average));
  }
}
