package io.flep.lab.denoise.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Forward and backward pass of a sequential convolutional network for residual training, computed with libnd4j
 * ops directly ({@code conv2d} / {@code conv2d_bp}, which the oneDNN build runs as oneDNN primitives) instead of
 * DL4J's {@code fit()}, which ran the DnCNN at 2 patches/s here (docs/dncnn-training.md has the measurements).
 * The network's own parameter array stays the one source of truth: this class reads and updates DL4J's
 * parameter views in place and writes gradients in DL4J's parameter order, equal to DL4J's
 * {@code computeGradientAndScore()} divided by the minibatch size (DL4J's updater divides later) up to float
 * rounding (tested).
 *
 * <p>Supported layers, NCHW activations: {@code ConvolutionLayer} (stride 1, 'same' mode, ReLU or identity,
 * with or without bias), {@code BatchNormalization} (training mode: batch statistics over N, H, W; biased
 * variance; running statistics updated as {@code decay * running + (1 - decay) * batch}; its activation is
 * ignored, as DL4J does), {@code ActivationLayer} (ReLU) and a last {@code CnnLossLayer} (MSE, identity).
 * Batch-norm formulas: Ioffe and Szegedy 2015, section 3. Not thread-safe.
 */
final class ConvNetBackprop {

  private sealed interface Stage permits Conv, Norm, Relu {}

  private record Conv(INDArray w, INDArray b, INDArray gradW, INDArray gradB, int[] intArgs, boolean relu)
      implements Stage {}

  private record Norm(INDArray gamma, INDArray beta, INDArray mean, INDArray var, INDArray gradGamma,
      INDArray gradBeta, double eps, double decay) implements Stage {}

  private record Relu() implements Stage {}

  /** What a stage's backward pass needs from its forward pass. */
  private record Saved(INDArray input, INDArray output, INDArray mean, INDArray invStd) {}

  private final List<Stage> stages;
  private final INDArray gradient;

  private ConvNetBackprop(List<Stage> stages, INDArray gradient) {
    this.stages = stages;
    this.gradient = gradient;
  }

  /**
   * Binds to {@code network}'s parameters.
   *
   * @throws IllegalArgumentException naming the first layer this class cannot train
   */
  static ConvNetBackprop of(MultiLayerNetwork network) {
    INDArray params = network.params();
    INDArray gradient = Nd4j.zeros(DataType.FLOAT, params.length());
    List<Stage> stages = new ArrayList<>();
    Layer[] layers = network.getLayers();
    for (int i = 0; i < layers.length; i++) {
      Object conf = layers[i].conf().getLayer();
      Map<String, INDArray> p = layers[i].paramTable();
      boolean last = i == layers.length - 1;
      if (conf instanceof ConvolutionLayer c && !(conf instanceof CnnLossLayer)) {
        stages.add(conv(i, c, p, params, gradient));
      } else if (conf instanceof BatchNormalization bn) {
        if (bn.isUseLogStd() || bn.isLockGammaBeta()) {
          throw unsupported(i, "batch norm with log-std or locked gamma/beta");
        }
        stages.add(new Norm(flat(p.get("gamma")), flat(p.get("beta")), flat(p.get("mean")), flat(p.get("var")),
            gradientView(p.get("gamma"), params, gradient), gradientView(p.get("beta"), params, gradient),
            bn.getEps(), bn.getDecay()));
      } else if (conf instanceof ActivationLayer a && a.getActivationFn() instanceof ActivationReLU) {
        stages.add(new Relu());
      } else if (last && conf instanceof CnnLossLayer loss && loss.getLossFn() instanceof LossMSE
          && loss.getActivationFn() instanceof ActivationIdentity) {
        continue;
      } else {
        throw unsupported(i, conf.getClass().getSimpleName());
      }
      if (last) {
        throw unsupported(i, "a network that does not end in an MSE CnnLossLayer");
      }
    }
    return new ConvNetBackprop(stages, gradient);
  }

  private static Conv conv(int index, ConvolutionLayer c, Map<String, INDArray> p, INDArray params,
      INDArray gradient) {
    int[] k = c.getKernelSize();
    boolean stride1 = c.getStride()[0] == 1 && c.getStride()[1] == 1;
    boolean dilation1 = c.getDilation()[0] == 1 && c.getDilation()[1] == 1;
    if (!stride1 || !dilation1 || c.getConvolutionMode() != ConvolutionMode.Same) {
      throw unsupported(index, "a convolution that is not stride 1, dilation 1, 'same' mode");
    }
    boolean relu = c.getActivationFn() instanceof ActivationReLU;
    if (!relu && !(c.getActivationFn() instanceof ActivationIdentity)) {
      throw unsupported(index, "convolution activation " + c.getActivationFn());
    }
    INDArray b = p.get("b");
    // conv2d arguments: kernel, stride, padding, dilation, 'same' mode, NCHW (0), weights [out, in, kH, kW] (1)
    int[] args = {k[0], k[1], 1, 1, 0, 0, 1, 1, 1, 0, 1};
    return new Conv(p.get("W"), b == null ? null : flat(b), gradientView(p.get("W"), params, gradient),
        b == null ? null : flat(gradientView(b, params, gradient)), args, relu);
  }

  /** The gradient array, in the network's parameter order (zero at the batch-norm running statistics). */
  INDArray gradient() {
    return gradient;
  }

  /**
   * One forward and backward pass in training mode on {@code input} (NCHW), fitted to {@code target} (the
   * network's output shape). Fills {@link #gradient()}, updates the batch-norm running statistics and returns
   * DL4J's score of the minibatch: squared error summed over each example's outputs, averaged over examples.
   */
  double forwardBackward(INDArray input, INDArray target) {
    List<Saved> saved = new ArrayList<>(stages.size());
    INDArray h = input;
    for (Stage stage : stages) {
      Saved s = forward(stage, h);
      saved.add(s);
      h = s.output();
    }
    long examples = input.size(0);
    INDArray diff = h.sub(target);
    double score = diff.norm2Number().doubleValue();
    score = score * score / examples;
    INDArray grad = diff.muli(2.0 / examples);
    for (int i = stages.size() - 1; i >= 0; i--) {
      grad = backward(stages.get(i), saved.get(i), grad, i > 0);
    }
    return score;
  }

  private static Saved forward(Stage stage, INDArray x) {
    return switch (stage) {
      case Conv c -> {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.size(0), c.w().size(0), x.size(2), x.size(3));
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d").addOutputs(out)
            .addIntegerArguments(c.intArgs());
        op = c.b() == null ? op.addInputs(x, c.w()) : op.addInputs(x, c.w(), c.b());
        Nd4j.exec(op.build());
        if (c.relu()) {
          Transforms.relu(out, false);
        }
        yield new Saved(x, out, null, null);
      }
      case Norm n -> {
        INDArray mean = x.mean(0, 2, 3);
        INDArray var = x.var(false, 0, 2, 3);
        INDArray invStd = Transforms.pow(var.add(n.eps()), -0.5, false);
        INDArray out = x.ulike();
        // one fused pass: (x - mean) / sqrt(var + eps) * gamma + beta, per channel (axis 1)
        Nd4j.exec(DynamicCustomOp.builder("batchnorm").addInputs(x, mean, var, n.gamma(), n.beta())
            .addOutputs(out).addIntegerArguments(1, 1, 1).addFloatingPointArguments(n.eps()).build());
        n.mean().muli(n.decay()).addi(mean.mul(1 - n.decay()));
        n.var().muli(n.decay()).addi(var.muli(1 - n.decay()));
        yield new Saved(x, out, mean, invStd);
      }
      case Relu r -> new Saved(x, Transforms.relu(x, false), null, null); // in place: x is a batch-norm output
    };
  }

  /** Backward through one stage; returns the gradient of its input (null when not needed). */
  private static INDArray backward(Stage stage, Saved s, INDArray gradOut, boolean needInputGradient) {
    return switch (stage) {
      case Conv c -> {
        if (c.relu()) {
          gradOut = reluBackward(s.output(), gradOut);
        }
        INDArray gradIn = Nd4j.createUninitialized(DataType.FLOAT, s.input().shape());
        INDArray gradW = Nd4j.createUninitialized(DataType.FLOAT, c.w().shape());
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addIntegerArguments(c.intArgs())
            .addInputs(s.input(), c.w(), gradOut).addOutputs(gradIn, gradW).build());
        c.gradW().assign(gradW);
        if (c.b() != null) {
          c.gradB().assign(gradOut.sum(0, 2, 3));
        }
        yield needInputGradient ? gradIn : null;
      }
      case Norm n -> {
        // with xhat = (x - mean) * invStd, S1 = sum(dy), S2 = sum(dy * xhat) per channel, k = gamma * invStd:
        // dx = k / m * (m * dy - S1 - xhat * S2) = k * dy - D * x + (D * mean - k * S1 / m),
        // D = k * invStd * S2 / m: two reductions and three broadcast passes, no normalised copy kept
        INDArray x = s.input();
        double m = (double) x.length() / x.size(1);
        INDArray sum = gradOut.sum(0, 2, 3);
        INDArray dot = Nd4j.getExecutioner().exec(new Dot(gradOut, x, 0, 2, 3));
        INDArray sumTimesXhat = dot.sub(s.mean().mul(sum)).muli(s.invStd());
        n.gradBeta().assign(sum);
        n.gradGamma().assign(sumTimesXhat);
        INDArray k = n.gamma().mul(s.invStd());
        INDArray d = k.mul(s.invStd()).muli(sumTimesXhat).divi(m);
        INDArray c = d.mul(s.mean()).subi(k.mul(sum).divi(m));
        INDArray gradIn = Broadcast.mul(gradOut, k, gradOut, 1);
        gradIn.subi(Broadcast.mul(x, d, x.ulike(), 1));
        yield Broadcast.add(gradIn, c, gradIn, 1);
      }
      case Relu r -> reluBackward(s.output(), gradOut);
    };
  }

  /** {@code gradOut} (in place) where the ReLU's output is positive, else 0: libnd4j's fused {@code relu_bp}. */
  private static INDArray reluBackward(INDArray reluOutput, INDArray gradOut) {
    Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(reluOutput, gradOut).addOutputs(gradOut)
        .addFloatingPointArguments(0.0).build());
    return gradOut;
  }

  private static INDArray flat(INDArray view) {
    return view.reshape(view.length());
  }

  /** The slice of {@code gradient} at the place {@code paramView} has in {@code params}, same shape. */
  private static INDArray gradientView(INDArray paramView, INDArray params, INDArray gradient) {
    if (!isRowMajorContiguous(paramView)) {
      throw new IllegalArgumentException("parameter view is not a row-major slice of the parameters");
    }
    long offset = paramView.offset() - params.offset();
    return gradient.get(NDArrayIndex.interval(offset, offset + paramView.length())).reshape('c',
        paramView.shape());
  }

  private static boolean isRowMajorContiguous(INDArray a) {
    long expected = 1;
    for (int d = a.rank() - 1; d >= 0; d--) {
      if (a.size(d) > 1 && a.stride(d) != expected) {
        return false;
      }
      expected *= a.size(d);
    }
    return true;
  }

  private static IllegalArgumentException unsupported(int layer, String what) {
    return new IllegalArgumentException("layer " + layer + ": " + what + " is not supported by the training path");
  }
}
