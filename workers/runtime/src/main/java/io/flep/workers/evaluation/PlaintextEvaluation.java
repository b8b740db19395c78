package io.flep.workers.evaluation;

import io.flep.workers.model.FedAvg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The evaluation mode of {@code ./flep run}: the run's parties, all in this JVM, hand plaintexts to this evaluator in
 * memory — never through a store, the exchange or a process variable — so that the report can compare what the
 * secure pipeline produced with plaintext: each analyst's decryption PSNR against the data owner's images, and the
 * decrypted FedAvg against the plaintext FedAvg of the analysts' local models. There is no such bean in deployments
 * ({@code ./flep party}, {@code ./flep serve}): nobody there holds everyone's plaintexts.
 */
public final class PlaintextEvaluation {
  private final Map<String, List<byte[]>> plainShards = new ConcurrentHashMap<>();
  private final Map<String, float[]> localModels = new ConcurrentHashMap<>();

  /** The data owner's plaintext pixels of {@code analyst}'s shard, in shard order. */
  public void plainShard(UUID runId, String analyst, List<byte[]> pixels) {
    plainShards.put(runId + "/" + analyst, List.copyOf(pixels));
  }

  /**
   * The PSNR of {@code analyst}'s decrypted shard against the data owner's plaintext over all pixels:
   * {@code +Infinity} when every pixel is equal, empty when the data owner handed in no plaintext for it.
   *
   * @throws IllegalStateException if the shards differ in size (a broken pipeline, not a noisy one)
   */
  public Optional<Double> psnrDb(UUID runId, String analyst, List<byte[]> decrypted) {
    List<byte[]> plain = plainShards.get(runId + "/" + analyst);
    if (plain == null) {
      return Optional.empty();
    }
    if (plain.size() != decrypted.size()) {
      throw new IllegalStateException("analyst " + analyst + " decrypted " + decrypted.size() + " images, its shard has "
          + plain.size());
    }
    double squaredError = 0;
    long samples = 0;
    for (int i = 0; i < plain.size(); i++) {
      byte[] a = plain.get(i);
      byte[] b = decrypted.get(i);
      if (a.length != b.length) {
        throw new IllegalStateException("image " + i + " of " + analyst + "'s shard decrypted to " + b.length
            + " pixels, the plaintext has " + a.length);
      }
      for (int p = 0; p < a.length; p++) {
        double d = (a[p] & 0xff) - (b[p] & 0xff);
        squaredError += d * d;
      }
      samples += a.length;
    }
    double mse = squaredError / Math.max(samples, 1);
    return Optional.of(mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse));
  }

  /** An analyst's plaintext local model of a round. */
  public void localModel(UUID runId, int round, String analyst, float[] parameters) {
    localModels.put(runId + "/" + round + "/" + analyst, parameters.clone());
  }

  /** The plaintext FedAvg of the local models of {@code contributors} in this round, if all were handed in. */
  public Optional<float[]> plaintextFedAvg(UUID runId, int round, List<String> contributors) {
    List<float[]> models = new ArrayList<>(contributors.size());
    for (String analyst : contributors) {
      float[] model = localModels.get(runId + "/" + round + "/" + analyst);
      if (model == null) {
        return Optional.empty();
      }
      models.add(model);
    }
    return models.isEmpty() ? Optional.empty() : Optional.of(new FedAvg().average(models));
  }

  /** Drops everything handed in for the run. */
  public void forget(UUID runId) {
    String prefix = runId + "/";
    plainShards.keySet().removeIf(k -> k.startsWith(prefix));
    localModels.keySet().removeIf(k -> k.startsWith(prefix));
  }
}
