package io.flep.lab.denoise.training;

import io.flep.lab.cipher.metrics.Fidelity;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Residual training of a denoising CNN (Zhang et al. 2017): the network gets the noisy patch and is fitted to
 * the noise itself (MSE between predicted and true noise, the loss of the network's output layer); the
 * denoised image is then {@code noisy - predicted noise}. Gradients come from {@link ConvNetBackprop} (libnd4j /
 * oneDNN ops on the network's own parameters, ~20x DL4J's {@code fit()} here); the optimiser is ND4J's Adam
 * (β1 0.9, β2 0.999, ε 1e-8) with the given learning-rate schedule over steps, applied to every parameter
 * but the batch-norm running statistics. Network values are the 0..255 samples divided by {@link #SCALE}
 * (input and noise alike).
 *
 * <p>Step {@code k} (0-based) draws its minibatch from {@link PatchSampler#stepRandom(long, long)
 * stepRandom(seed, k)}, so {@link #checkpoint()} / {@link #restore(Checkpoint)} continue a run bit for bit:
 * same seed, same losses, with or without a stop in the middle (on one machine and thread count). Not
 * thread-safe.
 */
public final class DnCnnTrainer {

  /** Samples are divided by this before they reach the network (noise too). */
  public static final float SCALE = 255f;
  /** Adam's default learning rate. */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;

  private static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder()
      .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.FIRST_LOOP)
      .policyReset(ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.REALLOCATE).build();

  private final MultiLayerNetwork network;
  private final ConvNetBackprop backprop;
  private final INDArray adamState;
  private final GradientUpdater<?> adam;
  private final PatchSampler sampler;
  private final int batch;
  private final long seed;
  private long step;
  private double elapsedSeconds;

  /**
   * @param network a network with one input channel and one output channel of the input's size, whose output
   *                layer is an MSE loss (the residual)
   */
  public DnCnnTrainer(MultiLayerNetwork network, PatchSampler sampler, int batch, long seed) {
    this(network, sampler, batch, seed, constant(DEFAULT_LEARNING_RATE));
  }

  /**
   * @param learningRate Adam's learning rate by step (0-based), e.g. {@link #stepDecay(double, long, double)}
   * @throws IllegalArgumentException if the network has a layer the training path does not support
   */
  public DnCnnTrainer(MultiLayerNetwork network, PatchSampler sampler, int batch, long seed,
      ISchedule learningRate) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be positive, got " + batch);
    }
    this.network = Objects.requireNonNull(network, "network");
    this.sampler = Objects.requireNonNull(sampler, "sampler");
    this.batch = batch;
    this.seed = seed;
    this.backprop = ConvNetBackprop.of(network);
    this.adamState = Nd4j.zeros(DataType.FLOAT, 1, 2 * network.numParams());
    this.adam = new Adam(Objects.requireNonNull(learningRate, "learningRate")).instantiate(adamState, true);
  }

  /** A constant learning rate. */
  public static ISchedule constant(double rate) {
    return new MapSchedule(ScheduleType.ITERATION, Map.of(0, rate));
  }

  /** {@code rate} until step {@code dropAt}, then {@code rate * factor} (the DnCNN paper's 1e-3 then 1e-4). */
  public static ISchedule stepDecay(double rate, long dropAt, double factor) {
    if (dropAt <= 0 || dropAt > Integer.MAX_VALUE) {
      return constant(rate);
    }
    return new MapSchedule(ScheduleType.ITERATION, Map.of(0, rate, (int) dropAt, rate * factor));
  }

  public MultiLayerNetwork network() {
    return network;
  }

  /** Steps done so far. */
  public long step() {
    return step;
  }

  /** Training time spent so far, across resumed sessions (seconds). */
  public double elapsedSeconds() {
    return elapsedSeconds;
  }

  public int batch() {
    return batch;
  }

  /**
   * Runs one Adam step on a fresh minibatch and returns its loss: the minibatch's score before the update
   * (DL4J's definition for an MSE {@code CnnLossLayer}: the squared residual summed over a patch's pixels and
   * averaged over the patches) divided by the pixels of a patch, so the loss is the mean squared residual per
   * pixel on the network scale; predicting no noise at all scores (σ/255)², 0.0096 at σ = 25.
   */
  public double trainStep() {
    long t0 = System.nanoTime();
    Random random = PatchSampler.stepRandom(seed, step);
    PatchSampler.Batch b = sampler.sample(batch, random);
    long[] shape = {b.count(), 1, b.side(), b.side()};
    double score;
    // every array of the step lives in one reused workspace: allocating them fresh each step cost page faults
    // and let freed-on-GC native memory grow to 18 GB (measured)
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE, "dncnn-step")) {
      INDArray input = Nd4j.create(scaled(b.noisy()), shape, 'c');
      INDArray target = Nd4j.create(scaled(b.noise()), shape, 'c');
      score = backprop.forwardBackward(input, target);
      INDArray update = backprop.gradient();
      adam.applyUpdater(update, (int) step, 0);
      network.params().subi(update.reshape(network.params().shape()));
    }
    double loss = score / ((double) b.side() * b.side());
    step++;
    elapsedSeconds += (System.nanoTime() - t0) / 1e9;
    if (!Double.isFinite(loss)) {
      throw new IllegalStateException("training diverged at step " + step + " (loss " + loss
          + "); lower the learning rate or resume from an earlier checkpoint");
    }
    return loss;
  }

  /**
   * Mean PSNR (dB) of {@code noisy - network(noisy)} against the clean images, with noise of the sampler's σ
   * drawn from {@code noiseSeed} (fixed, so values are comparable across steps). Inference mode: batch norm
   * uses its running statistics.
   */
  public double validationPsnr(List<GreyPlane> images, long noiseSeed) {
    if (images.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    Random random = new Random(noiseSeed);
    for (GreyPlane clean : images) {
      float[] noisy = clean.toFloats();
      for (int i = 0; i < noisy.length; i++) {
        noisy[i] += (float) (random.nextGaussian() * sampler.sigma());
      }
      float[] denoised = denoise(noisy, clean.width(), clean.height());
      GreyPlane out = GreyPlane.ofFloats(clean.name(), clean.width(), clean.height(), denoised);
      sum += Fidelity.psnr(clean.toRaster(), out.toRaster());
    }
    return sum / images.size();
  }

  /** {@code noisy - predicted noise} on the 0..255 scale (unclipped). */
  public float[] denoise(float[] noisy, int width, int height) {
    INDArray input = Nd4j.create(scaled(noisy), new long[] {1, 1, height, width}, 'c');
    float[] residual = network.output(input, false).reshape(noisy.length).toFloatVector();
    float[] out = new float[noisy.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = noisy[i] - residual[i] * SCALE;
    }
    return out;
  }

  /** The complete state after {@link #step()} steps. */
  public Checkpoint checkpoint() {
    return new Checkpoint(sampler.sigma(), batch, sampler.side(), seed, step, (int) step, 0, elapsedSeconds,
        network.params().toFloatVector(), adamState.toFloatVector());
  }

  /**
   * Continues from {@code c}.
   *
   * @throws IllegalArgumentException if the checkpoint belongs to another run set-up (σ, batch, patch, seed or
   *                                  network size); the message says which
   */
  public void restore(Checkpoint c) {
    requireSame("sigma", c.sigma(), sampler.sigma());
    requireSame("batch", c.batch(), batch);
    requireSame("patch", c.patch(), sampler.side());
    requireSame("seed", c.seed(), seed);
    long n = network.numParams();
    if (c.params().length != n) {
      throw new IllegalArgumentException("checkpoint has " + c.params().length + " parameters, the network "
          + n);
    }
    network.setParams(Nd4j.create(c.params(), new long[] {1, n}, 'c'));
    if (adamState.length() != c.updaterState().length) {
      throw new IllegalArgumentException("checkpoint has " + c.updaterState().length
          + " optimiser values, this trainer's Adam " + adamState.length());
    }
    adamState.assign(Nd4j.create(c.updaterState(), adamState.shape(), 'c'));
    step = c.step();
    elapsedSeconds = c.elapsedSeconds();
  }

  /** Writes a progress line to {@code out}. */
  static void progress(PrintStream out, String line) {
    out.println(line);
    out.flush();
  }

  private static void requireSame(String what, double checkpoint, double run) {
    if (checkpoint != run) {
      throw new IllegalArgumentException("the checkpoint was made with " + what + " " + fmt(checkpoint)
          + ", this run uses " + fmt(run));
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static float[] scaled(float[] v) {
    float[] s = new float[v.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = v[i] / SCALE;
    }
    return s;
  }
}
