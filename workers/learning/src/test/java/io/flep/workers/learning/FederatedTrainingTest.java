package io.flep.workers.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flep.workers.dataset.DatasetSplit;
import io.flep.workers.dataset.DigitsSheet;
import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.model.FedAvg;
import io.flep.workers.model.ModelCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real DL4J training on the bundled digits: a short federated run and the determinism guarantees. */
class FederatedTrainingTest {

  private static final long SEED = 2024;
  private static final DatasetSplit SPLIT = DatasetSplit.of(DigitsSheet.load(), SEED);
  private final DigitModel model = new DigitModel();
  private final LocalTrainer trainer = new LocalTrainer(model);
  private final ModelEvaluator evaluator = new ModelEvaluator(model);

  @Test
  void modelHasTheDocumentedSize() {
    MultiLayerNetwork network = model.create(1);
    assertEquals(24_202, model.parameterCount());
    assertEquals(DigitModel.PARAMETER_COUNT, model.parameterCount());
    assertEquals(model.parameterCount(), network.numParams());
    assertEquals(DigitModel.ARCHITECTURE_ID, model.architectureId());
    assertArrayEquals(model.initialParams(5), model.initialParams(5), 0f);
    assertTrue(FedAvg.maxAbsDiff(model.initialParams(5), model.initialParams(6)) > 0.01);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void threeAnalystsTwoRoundsReachNinetyPercentOnTheHeldOutSplit() {
    List<List<LabeledImage>> shards = SPLIT.shards(3);
    List<Integer> sizes = shards.stream().map(List::size).toList();
    FedAvg fedAvg = new FedAvg();
    float[] global = model.initialParams(SEED);
    double initial = evaluator.accuracy(global, SPLIT.test());
    assertTrue(initial < 0.3, "untrained model should be near chance, was " + initial);

    double accuracy = 0;
    for (int round = 1; round <= 2; round++) {
      List<float[]> updates = new ArrayList<>();
      for (int analyst = 0; analyst < shards.size(); analyst++) {
        TrainingOptions options = TrainingOptions.builder()
            .epochs(2).batchSize(32).seed(SEED * 31 + round * 1000L + analyst).build();
        float[] update = trainer.train(global, shards.get(analyst), options);
        assertEquals(model.parameterCount(), update.length);
        assertTrue(FedAvg.maxAbsDiff(update, global) > 1e-3, "local training changed the model");
        updates.add(update);
      }
      global = fedAvg.weightedAverage(updates, sizes);
      accuracy = evaluator.accuracy(global, SPLIT.test());
    }
    assertTrue(accuracy >= 0.90, "federated accuracy after 2 rounds was " + accuracy);

    // the published form of the model evaluates the same
    float[] decoded = ModelCodec.decode(ModelCodec.encode(model, global), model);
    assertEquals(accuracy, evaluator.accuracy(decoded, SPLIT.test()));

    // other image sizes are resampled to 20x20: 40x40 copies of the test digits still classify well
    List<LabeledImage> enlarged = SPLIT.test().subList(0, 200).stream().map(i -> i.resampled(40, 40)).toList();
    double enlargedAccuracy = evaluator.accuracy(global, enlarged);
    assertTrue(enlargedAccuracy >= 0.85, "accuracy on 40x40 inputs was " + enlargedAccuracy);
  }

  @Test
  void trainingIsDeterministicAndTheReusedNetworkMatchesAFreshOne() throws Exception {
    List<LabeledImage> shard = SPLIT.shards(3).get(0).subList(0, 300);
    float[] start = model.initialParams(9);
    TrainingOptions options = TrainingOptions.builder().epochs(1).batchSize(25).seed(77).build();

    float[] first = trainer.train(start, shard, options);
    float[] again = trainer.train(start, shard, options);
    assertArrayEquals(first, again, 0f, "same thread, reused network");

    float[] otherThread = CompletableFuture.supplyAsync(() -> new LocalTrainer().train(start, shard, options))
        .get(60, TimeUnit.SECONDS);
    assertArrayEquals(first, otherThread, 0f, "fresh network on another thread");

    // a different learning rate in between must not leak into the next call
    trainer.train(start, shard, options.toBuilder().learningRate(0.02).build());
    assertArrayEquals(first, trainer.train(start, shard, options), 0f, "after a learning-rate change");

    // null global parameters = the seeded initialisation of options.seed
    assertArrayEquals(trainer.train(model.initialParams(77), shard, options),
        trainer.train(null, shard, options), 0f);

    float[] otherSeed = trainer.train(start, shard, options.toBuilder().seed(78).build());
    assertTrue(FedAvg.maxAbsDiff(first, otherSeed) > 0, "the seed drives the minibatch order");
  }

  @Test
  void rejectsMismatchedInput() {
    List<LabeledImage> shard = SPLIT.train().subList(0, 10);
    assertThrows(IllegalArgumentException.class,
        () -> trainer.train(new float[10], shard, TrainingOptions.defaults()));
    assertThrows(IllegalArgumentException.class,
        () -> trainer.train(null, List.of(), TrainingOptions.defaults()));
    assertThrows(IllegalArgumentException.class, () -> evaluator.accuracy(new float[10], shard));
    assertThrows(IllegalArgumentException.class, () -> TrainingOptions.builder().epochs(0).build());
    assertThrows(IllegalArgumentException.class, () -> TrainingOptions.builder().learningRate(0).build());
  }
}
