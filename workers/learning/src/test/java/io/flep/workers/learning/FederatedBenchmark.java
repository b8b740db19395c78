package io.flep.workers.learning;

import io.flep.workers.dataset.DatasetSplit;
import io.flep.workers.dataset.DigitsSheet;
import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.model.FedAvg;
import io.flep.workers.model.ModelCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Throwaway measurement, not a test: a full federated run on the bundled digits sheet, printing
 * accuracy and seconds per round. Run from the workers module, e.g.
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) io.flep.workers.learning.FederatedBenchmark \
 *      [analysts=3] [rounds=5] [epochs=2] [batch=32] [lr=0.003] [parallel=false]
 * </pre>
 */
public final class FederatedBenchmark {

  private FederatedBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int analysts = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    double lr = args.length > 4 ? Double.parseDouble(args[4]) : DigitModel.DEFAULT_LEARNING_RATE;
    boolean parallel = args.length > 5 && Boolean.parseBoolean(args[5]);
    long seed = 2024;

    long t0 = System.nanoTime();
    List<LabeledImage> all = DigitsSheet.load();
    DatasetSplit split = DatasetSplit.of(all, seed);
    List<List<LabeledImage>> shards = split.shards(analysts);
    String arch = System.getProperty("bench.arch");
    DigitModel model = arch == null ? new DigitModel() : new DigitModel(
        Integer.parseInt(arch.split(",")[0]), Integer.parseInt(arch.split(",")[1]),
        Integer.parseInt(arch.split(",")[2]));
    LocalTrainer trainer = new LocalTrainer(model);
    ModelEvaluator evaluator = new ModelEvaluator(model);
    FedAvg fedAvg = new FedAvg();
    float[] global = model.initialParams(seed);
    System.out.printf(Locale.ROOT, "setup %.2f s; params %d; shards %s; test %d; acc(init) %.4f%n",
        (System.nanoTime() - t0) / 1e9, model.parameterCount(),
        shards.stream().map(List::size).toList(), split.test().size(),
        evaluator.accuracy(global, split.test()));

    double trainTotal = 0;
    for (int round = 1; round <= rounds; round++) {
      long r0 = System.nanoTime();
      final float[] current = global;
      final int r = round;
      List<float[]> updates = new ArrayList<>();
      double[] each = new double[analysts];
      if (parallel) {
        List<Thread> threads = new ArrayList<>();
        float[][] results = new float[analysts][];
        for (int a = 0; a < analysts; a++) {
          final int ai = a;
          Thread t = new Thread(() -> {
            long a0 = System.nanoTime();
            results[ai] = trainer.train(current, shards.get(ai), options(seed, r, ai, epochs, batch, lr));
            each[ai] = (System.nanoTime() - a0) / 1e9;
          });
          threads.add(t);
          t.start();
        }
        for (Thread t : threads) {
          t.join();
        }
        updates.addAll(List.of(results));
      } else {
        for (int a = 0; a < analysts; a++) {
          long a0 = System.nanoTime();
          updates.add(trainer.train(current, shards.get(a), options(seed, r, a, epochs, batch, lr)));
          each[a] = (System.nanoTime() - a0) / 1e9;
        }
      }
      double trainSeconds = (System.nanoTime() - r0) / 1e9;
      trainTotal += trainSeconds;
      global = fedAvg.weightedAverage(updates, shards.stream().map(List::size).toList());
      long e0 = System.nanoTime();
      double acc = evaluator.accuracy(global, split.test());
      double evalSeconds = (System.nanoTime() - e0) / 1e9;
      StringBuilder per = new StringBuilder();
      for (double s : each) {
        per.append(String.format(Locale.ROOT, "%.2f ", s));
      }
      System.out.printf(Locale.ROOT, "round %d: accuracy %.4f  training %.2f s (per analyst %s) eval %.2f s%n",
          round, acc, trainSeconds, per.toString().trim(), evalSeconds);
    }
    System.out.printf(Locale.ROOT, "total training %.2f s; wall %.2f s%n", trainTotal, (System.nanoTime() - t0) / 1e9);
    byte[] blob = ModelCodec.encode(model.architectureId(), global);
    System.out.println("codec blob " + blob.length + " bytes");
  }

  private static TrainingOptions options(long seed, int round, int analyst, int epochs, int batch, double lr) {
    return TrainingOptions.builder().epochs(epochs).batchSize(batch).learningRate(lr)
        .seed(seed * 31 + round * 1000L + analyst).build();
  }
}
