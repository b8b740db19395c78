package io.flep.workers.learning;


/**
 * Options of one local training run.
 *
 * @param epochs       passes over the shard (default 2)
 * @param batchSize    minibatch size (default 32)
 * @param learningRate Adam learning rate (default {@value DigitModel#DEFAULT_LEARNING_RATE})
 * @param seed         seeds the minibatch order, and the initial weights when no global
 *                     parameters are given (default 42)
 */
public record TrainingOptions(int epochs, int batchSize, double learningRate, long seed) {

  public static final int DEFAULT_EPOCHS = 2;
  public static final int DEFAULT_BATCH_SIZE = 32;
  public static final long DEFAULT_SEED = 42L;

  public TrainingOptions {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
    }
  }

  public static TrainingOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().epochs(epochs).batchSize(batchSize).learningRate(learningRate).seed(seed);
  }

  public static final class Builder {
    private int epochs = DEFAULT_EPOCHS;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private double learningRate = DigitModel.DEFAULT_LEARNING_RATE;
    private long seed = DEFAULT_SEED;

    private Builder() {
    }

    public Builder epochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder learningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public TrainingOptions build() {
      return new TrainingOptions(epochs, batchSize, learningRate, seed);
    }
  }
}
