package io.flep.workers.denoise.training;

import io.flep.workers.cipher.metrics.Fidelity;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Residual training of a denoising CNN (Zhang et al. 2017): the network gets the noisy patch and is fitted to
 * the noise itself (MSE between predicted and true noise, the loss of the network's output layer); the
 * denoised image is then {@code noisy - predicted noise}. The optimiser (Adam) is whatever the network was
 * configured with. Network values are the 0..255 samples divided by {@link #SCALE} (input and noise alike).
 *
 * <p>Step {@code k} (0-based) draws its minibatch from {@link PatchSampler#stepRandom(long, long)
 * stepRandom(seed, k)}, so {@link #checkpoint()} / {@link #restore(Checkpoint)} continue a run bit for bit:
 * same seed, same losses, with or without a stop in the middle (on one machine and thread count). Not
 * thread-safe.
 */
public final class DnCnnTrainer {

  /** Samples are divided by this before they reach the network (noise too). */
  public static final float SCALE = 255f;

  private final MultiLayerNetwork network;
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
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be positive, got " + batch);
    }
    this.network = Objects.requireNonNull(network, "network");
    this.sampler = Objects.requireNonNull(sampler, "sampler");
    this.batch = batch;
    this.seed = seed;
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
   * Runs one Adam step on a fresh minibatch and returns its loss: DL4J's score of the minibatch (before the
   * update) divided by the pixels of a patch. For an MSE {@code CnnLossLayer} with one output channel (the
   * DnCNN) the score is the squared residual summed over a patch's pixels and averaged over the patches, so the
   * loss is the mean squared residual per pixel on the network scale; predicting no noise at all scores
   * (σ/255)², 0.0096 at σ = 25.
   */
  public double trainStep() {
    long t0 = System.nanoTime();
    Random random = PatchSampler.stepRandom(seed, step);
    PatchSampler.Batch b = sampler.sample(batch, random);
    long[] shape = {b.count(), 1, b.side(), b.side()};
    INDArray input = Nd4j.create(scaled(b.noisy()), shape, 'c');
    INDArray target = Nd4j.create(scaled(b.noise()), shape, 'c');
    network.fit(input, target);
    double loss = network.score() / ((double) b.side() * b.side());
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
    Updater updater = network.getUpdater();
    INDArray state = updater == null ? null : updater.getStateViewArray();
    return new Checkpoint(sampler.sigma(), batch, sampler.side(), seed, step, network.getIterationCount(),
        network.getEpochCount(), elapsedSeconds, network.params().toFloatVector(),
        state == null ? new float[0] : state.toFloatVector());
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
    INDArray state = network.getUpdater().getStateViewArray();
    int stateLength = state == null ? 0 : (int) state.length();
    if (stateLength != c.updaterState().length) {
      throw new IllegalArgumentException("checkpoint has " + c.updaterState().length
          + " optimiser values, the network's optimiser " + stateLength);
    }
    if (state != null) {
      state.assign(Nd4j.create(c.updaterState(), state.shape(), 'c'));
    }
    network.setIterationCount(c.iteration());
    network.setEpochCount(c.epoch());
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
