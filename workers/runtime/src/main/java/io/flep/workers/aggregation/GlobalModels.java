package io.flep.workers.aggregation;

import io.flep.exchange.ExchangeRef;
import io.flep.workers.failure.AggregationRefusedException;
import io.flep.workers.model.ModelArchitecture;
import io.flep.workers.model.ModelCodec;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentity;
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
 */
@Component
public class GlobalModels {
  /** Who may publish a global model: the decryptor of either path. */
  static final String[] PUBLISHERS = {Roles.IIOT, Roles.CLOUD};

  private final ExchangeObjects exchange;
  private final ModelArchitecture model;

  public GlobalModels(ExchangeObjects exchange, ModelArchitecture model) {
    this.exchange = exchange;
    this.model = model;
  }

  /** The global model the round starts from: the last published one, or the seeded initial model. */
  public float[] current(JobVariables vars) {
    ExchangeRef globalRef = vars.exchangeRefOrNull("globalModelRef");
    return globalRef == null ? model.initialParams(vars.longOr("seed", 42)) : load(globalRef);
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
    var published = exchange.fetch(globalRef, PUBLISHERS);
    String publishedRound = published.header().attributes().get("round");
    if (!Integer.toString(round - 1).equals(publishedRound)) {
      throw new AggregationRefusedException("round " + round + " builds on the global model of round " + (round - 1)
          + ", but " + globalRef + " is round " + publishedRound + "'s; no update is signed");
    }
    return ModelCodec.decode(published.content(), model);
  }

  /** A published global model, verified. */
  public float[] load(ExchangeRef globalRef) {
    return ModelCodec.decode(exchange.fetch(globalRef, PUBLISHERS).content(), model);
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
