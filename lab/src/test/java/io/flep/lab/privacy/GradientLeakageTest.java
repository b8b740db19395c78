package io.flep.lab.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.he.paillier.FixedPointPacker;
import io.flep.he.paillier.PaillierSchemeProvider;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicDecryption;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.workers.dataset.DigitsSheet;
import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.learning.LearningRuntime;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The gradient-leakage experiment of issue 5 on a real DL4J network (dense first layer, 20×20 digits) and the real
 * paillier plugin: one analyst's plain update gives its training image back; the untrusted cloud's ciphertext and
 * a decrypted aggregate of five analysts' updates do not.
 */
class GradientLeakageTest {
  static final int PIXELS = 400;
  static final int HIDDEN = 64;
  static final double LEARNING_RATE = 0.1;

  static MultiLayerNetwork network;
  static List<LabeledImage> digits;
  static KeyMaterial key;
  static HomomorphicEncryption scheme;
  static HomomorphicDecryption decryption;

  @BeforeAll
  static void setUp() {
    LearningRuntime.ensureInitialized();
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(7).dataType(DataType.DOUBLE).updater(new Sgd(LEARNING_RATE)).list()
        .layer(new DenseLayer.Builder().nIn(PIXELS).nOut(HIDDEN).activation(Activation.SIGMOID).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(10)
            .activation(Activation.SOFTMAX).build())
        .build();
    network = new MultiLayerNetwork(conf);
    network.init();
    digits = DigitsSheet.load();
    key = new PaillierSchemeProvider().generateKeyPair(
        PluginOptions.empty().with("keyBits", "1024").with("allowWeakKeys", "true"), new SecureRandom());
    try {
      scheme = new PaillierSchemeProvider().newEncryption(key.publicOnly());
      decryption = new PaillierSchemeProvider().newDecryption(key);
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** Digit image i (every 500th is a new class) on the input scale [0, 1]. */
  static double[] input(int i) {
    byte[] p = digits.get(i).pixels();
    double[] x = new double[p.length];
    for (int k = 0; k < p.length; k++) {
      x[k] = (p[k] & 0xff) / 255.0;
    }
    return x;
  }

  /** The update of one SGD step on one image: −η·∇L, all parameters in DL4J order. */
  static double[] update(int i) {
    double[] x = input(i);
    double[] label = new double[10];
    label[digits.get(i).label()] = 1;
    network.setInput(Nd4j.create(x, new long[] {1, PIXELS}));
    network.setLabels(Nd4j.create(label, new long[] {1, 10}));
    network.computeGradientAndScore();
    double[] g = network.gradient().gradient().dup().data().asDouble();
    for (int k = 0; k < g.length; k++) {
      g[k] *= -LEARNING_RATE;
    }
    return g;
  }

  @Test
  void oneAnalystsPlainUpdateGivesItsTrainingImageBack() {
    double[] x = input(1234);

    List<GradientLeakage.Reconstruction> r = GradientLeakage.reconstruct(update(1234), PIXELS, HIDDEN);

    assertThat(r).hasSize(HIDDEN);
    double psnr = GradientLeakage.psnr(x, r.get(0).input());
    System.out.printf("leakage: single plain update -> %.1f dB (best unit)%n", psnr);
    assertThat(psnr).isGreaterThanOrEqualTo(40);
  }

  @Test
  void theCloudsCiphertextYieldsNothing() {
    double[] x = input(1234);
    HeCiphertext c = scheme.encrypt(update(1234));

    // the attacker reads the ciphertext with the public packing layout as if it were a packed plaintext
    double[] read = readAsPlaintext(c.toBytes(), c.length());
    double fromCiphertext = GradientLeakage.bestPsnr(GradientLeakage.reconstruct(read, PIXELS, HIDDEN), x);
    double blankGuess = GradientLeakage.psnr(x, new double[PIXELS]);
    double meanGuess = GradientLeakage.psnr(x, constant(Arrays.stream(x).average().orElseThrow()));
    System.out.printf("leakage: cloud ciphertext -> best unit %.1f dB (black guess %.1f dB, mean grey %.1f dB)%n",
        fromCiphertext, blankGuess, meanGuess);
    assertThat(fromCiphertext).isLessThan(Math.max(blankGuess, meanGuess) + 3);
  }

  @Test
  void aDecryptedAggregateOfFiveAnalystsMinibatchUpdatesRevealsNoSingleInput() throws Exception {
    // five analysts, each one SGD step on its own minibatch of 4 images (20 different images in all)
    List<double[]> inputs = new ArrayList<>();
    HeCiphertext sum = null;
    for (int analyst = 0; analyst < 5; analyst++) {
      int[] batch = new int[4];
      for (int b = 0; b < batch.length; b++) {
        batch[b] = (analyst * 977 + b * 131) % DigitsSheet.COUNT;
        inputs.add(input(batch[b]));
      }
      HeCiphertext c = scheme.encrypt(batchUpdate(batch));
      sum = sum == null ? c : scheme.add(sum, c);
    }

    double worst = oracleBestPsnr(decryption.decrypt(sum), inputs);
    System.out.printf("leakage: decrypted aggregate of 5 analysts x 4 images -> %.1f dB (best unit and input)%n",
        worst);
    assertThat(worst).isLessThan(20);
  }

  @Test
  void anAggregateOfSingleExampleUpdatesStillLeaksThroughSomeUnit() throws Exception {
    // the limit of secure aggregation alone (docs/he-aggregation.md): with one example per analyst, some hidden
    // unit is driven by one example far more than by the others, and its ratio is nearly that example
    int[] images = {37, 612, 1290, 2745, 4480};
    List<double[]> inputs = new ArrayList<>();
    HeCiphertext sum = null;
    for (int i : images) {
      inputs.add(input(i));
      HeCiphertext c = scheme.encrypt(update(i));
      sum = sum == null ? c : scheme.add(sum, c);
    }
    double[] aggregate = decryption.decrypt(sum);

    double oracle = oracleBestPsnr(aggregate, inputs);
    double topUnit = Double.NEGATIVE_INFINITY;
    GradientLeakage.Reconstruction top = GradientLeakage.reconstruct(aggregate, PIXELS, HIDDEN).get(0);
    for (double[] x : inputs) {
      topUnit = Math.max(topUnit, GradientLeakage.psnr(x, top.input()));
    }
    System.out.printf("leakage: decrypted aggregate of 5 single-example updates -> %.1f dB (best unit and input),"
        + " %.1f dB (largest-bias unit)%n", oracle, topUnit);
    assertThat(oracle).isGreaterThan(20);
    assertThat(topUnit).isLessThan(20);
  }

  /** The strongest attacker: every unit's reconstruction against every true input, best PSNR. */
  private static double oracleBestPsnr(double[] aggregate, List<double[]> inputs) {
    List<GradientLeakage.Reconstruction> r = GradientLeakage.reconstruct(aggregate, PIXELS, HIDDEN);
    double worst = Double.NEGATIVE_INFINITY;
    for (double[] x : inputs) {
      worst = Math.max(worst, GradientLeakage.bestPsnr(r, x));
    }
    return worst;
  }

  /** The update of one SGD step on a minibatch (DL4J averages the gradient over the batch). */
  static double[] batchUpdate(int[] idx) {
    double[] xs = new double[idx.length * PIXELS];
    double[] ys = new double[idx.length * 10];
    for (int b = 0; b < idx.length; b++) {
      System.arraycopy(input(idx[b]), 0, xs, b * PIXELS, PIXELS);
      ys[b * 10 + digits.get(idx[b]).label()] = 1;
    }
    network.setInput(Nd4j.create(xs, new long[] {idx.length, PIXELS}));
    network.setLabels(Nd4j.create(ys, new long[] {idx.length, 10}));
    network.computeGradientAndScore();
    double[] g = network.gradient().gradient().dup().data().asDouble();
    for (int k = 0; k < g.length; k++) {
      g[k] *= -LEARNING_RATE;
    }
    return g;
  }

  @Test
  void anUpdateTooShortForTheLayerIsAnError() {
    assertThatThrownBy(() -> GradientLeakage.reconstruct(new double[10], PIXELS, HIDDEN))
        .hasMessage("an update of 10 values cannot hold a 400 x 64 dense layer and its biases");
  }

  private static double[] constant(double v) {
    double[] c = new double[PIXELS];
    Arrays.fill(c, v);
    return c;
  }

  /** Each 256-byte ciphertext integer's slots decoded with the key's public packing layout. */
  private static double[] readAsPlaintext(byte[] bytes, int length) {
    FixedPointPacker packer = new FixedPointPacker(20, 8, 64, 1024);
    int partBytes = 256;
    List<BigInteger> parts = new ArrayList<>();
    for (int off = 29; off < bytes.length; off += partBytes) {
      parts.add(new BigInteger(1, Arrays.copyOfRange(bytes, off, off + partBytes)));
    }
    double[] out = new double[length];
    long mask = (1L << packer.slotBits()) - 1;
    for (int i = 0; i < length; i++) {
      BigInteger part = parts.get(i / packer.slotsPerPlaintext());
      long slot = part.shiftRight((i % packer.slotsPerPlaintext()) * packer.slotBits()).longValue() & mask;
      out[i] = (slot - packer.offset()) / Math.scalb(1.0, packer.fractionBits());
    }
    return out;
  }
}
