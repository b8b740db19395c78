package io.flep.encryption.dncnn;

import io.flep.plugin.api.denoise.Denoiser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DnCNN {@link Denoiser} for one noise level: {@code plane - network(plane / 255) * 255}, unclipped, on the
 * fast path of {@link DnCnnInference} (batch norm folded, libnd4j conv2d ops; {@code docs/dncnn-fast-path.md}).
 *
 * <ul>
 *   <li><b>Sizes.</b> Any plane of at least 1 x 1. A side shorter than the receptive field
 *       ({@value DnCnnModel#RECEPTIVE_FIELD} pixels) is first extended by {@value #RADIUS} pixels on both ends by
 *       symmetric (mirror) reflection, so the network sees image-like context instead of black zero padding;
 *       the result is cropped back. Planes larger than {@value #TILE} x {@value #TILE} run as tiles of that
 *       core size with a {@value #RADIUS}-pixel margin of real neighbours (clipped at the plane's border), which
 *       gives the same values as one whole-plane pass and bounds the memory of the convolutions.</li>
 *   <li><b>σ.</b> The model is for one σ; {@code denoise} rejects another σ (relative difference above
 *       {@value #SIGMA_RELATIVE_TOLERANCE}); σ = 0 returns a copy.</li>
 *   <li><b>Threads.</b> Thread-safe: each calling thread builds its own ND4J arrays once (like
 *       {@code LocalTrainer}'s per-thread networks) and sets its OpenMP thread count to
 *       {@link NativeRuntime#nativeThreads()} ({@code -Dflep.learning.threads} / {@code OMP_NUM_THREADS},
 *       default 1, which also caps ND4J globally). One image on an otherwise idle 2-core machine is fastest
 *       with 2; concurrent denoising threads scale better with 1 each.</li>
 * </ul>
 */
public final class DnCnnDenoiser implements Denoiser {

  /** Receptive-field radius: context pixels needed on each side. */
  public static final int RADIUS = DnCnnModel.DEPTH;
  /** Largest core tile side of one network pass. */
  public static final int TILE = 256;
  /** σ passed to {@link #denoise} may differ this much (relative) from the model's σ. */
  public static final double SIGMA_RELATIVE_TOLERANCE = 0.01;

  private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
      .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.FIRST_LOOP)
      .policyReset(ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.REALLOCATE).build();

  private final double sigma;
  private final DnCnnInference inference;
  private final ThreadLocal<DnCnnInference.Arrays> arrays;

  /** A denoiser of {@code params} (a {@link DnCnnModel}'s, length {@link DnCnnModel#PARAMETER_COUNT}) for σ. */
  public DnCnnDenoiser(float[] params, double sigma) {
    this(DnCnnModel.forInference(params), sigma);
  }

  /** A denoiser of the model's current parameters (copied: later training does not change it). */
  public DnCnnDenoiser(DnCnnModel model, double sigma) {
    Objects.requireNonNull(model, "model");
    if (!Double.isFinite(sigma) || sigma <= 0) {
      throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
    }
    this.sigma = sigma;
    this.inference = DnCnnInference.fold(model.network());
    this.arrays = ThreadLocal.withInitial(this::threadArrays);
  }

  /** The denoiser of a model file, which must be for σ ({@link DnCnnCodec#read}). */
  public static DnCnnDenoiser load(Path model, double sigma) throws IOException {
    return new DnCnnDenoiser(DnCnnCodec.read(model, sigma), sigma);
  }

  /** The σ of the model. */
  public double sigma() {
    return sigma;
  }

  @Override
  public float[] denoise(float[] plane, int width, int height, double sigma) {
    Objects.requireNonNull(plane, "plane");
    if (width < 1 || height < 1 || (long) width * height != plane.length) {
      throw new IllegalArgumentException("plane has " + plane.length + " samples, not " + width + " x " + height);
    }
    if (!Double.isFinite(sigma) || sigma < 0) {
      throw new IllegalArgumentException("sigma must be non-negative and finite, got " + sigma);
    }
    if (sigma == 0) {
      return plane.clone();
    }
    if (Math.abs(sigma - this.sigma) > SIGMA_RELATIVE_TOLERANCE * this.sigma) {
      throw new IllegalArgumentException("this DnCNN model is for sigma " + this.sigma + ", not " + sigma
          + " (one model per noise level)");
    }
    int padX = width < DnCnnModel.RECEPTIVE_FIELD ? RADIUS : 0;
    int padY = height < DnCnnModel.RECEPTIVE_FIELD ? RADIUS : 0;
    if (padX == 0 && padY == 0) {
      return tiled(plane, width, height);
    }
    int pw = width + 2 * padX;
    int ph = height + 2 * padY;
    float[] padded = new float[pw * ph];
    for (int y = 0; y < ph; y++) {
      int sy = PlaneTiles.mirror(y - padY, height);
      for (int x = 0; x < pw; x++) {
        padded[y * pw + x] = plane[sy * width + PlaneTiles.mirror(x - padX, width)];
      }
    }
    float[] out = tiled(padded, pw, ph);
    return PlaneTiles.crop(out, pw, padX, padY, width, height);
  }

  private float[] tiled(float[] plane, int width, int height) {
    float[] out = new float[plane.length];
    for (PlaneTiles.Tile t : PlaneTiles.split(width, height, TILE, RADIUS)) {
      float[] in = PlaneTiles.crop(plane, width, t.x0(), t.y0(), t.width(), t.height());
      float[] res = run(in, t.width(), t.height());
      for (int y = t.coreY0(); y < t.coreY0() + t.coreHeight(); y++) {
        int sy = y - t.y0();
        System.arraycopy(res, sy * t.width() + t.coreX0() - t.x0(), out, y * width + t.coreX0(), t.coreWidth());
      }
    }
    return out;
  }

  private float[] run(float[] plane, int width, int height) {
    float[] scaled = new float[plane.length];
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = plane[i] / DnCnnModel.SCALE;
    }
    DnCnnInference.Arrays weights = arrays.get();
    float[] noise;
    // the activations live in the calling thread's reused workspace, not in fresh native memory per call
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, "dncnn-inference")) {
      INDArray input = Nd4j.create(scaled, new long[] {1, height, width, 1}, 'c');
      noise = weights.predictNoise(input).reshape(plane.length).toFloatVector();
    }
    float[] out = new float[plane.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = plane[i] - noise[i] * DnCnnModel.SCALE;
    }
    return out;
  }

  private DnCnnInference.Arrays threadArrays() {
    NativeRuntime.configureCurrentThread();
    return inference.arrays();
  }
}
