package io.flep.lab.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The analytic input-reconstruction attack on a fully connected first layer (Phong et al., "Privacy-Preserving
 * Deep Learning via Additively Homomorphic Encryption", IEEE TIFS 2018, §3.1): for z = Wᵀx + b and one training
 * example, ∂L/∂W<sub>·j</sub> = x · ∂L/∂b<sub>j</sub>, so every unit j with ∂L/∂b<sub>j</sub> ≠ 0 gives the input
 * back as x = ∂L/∂W<sub>·j</sub> / ∂L/∂b<sub>j</sub>. A model update of one plain SGD step is a multiple of the
 * gradient, so the same ratio applies to updates. It is why FLEP never lets anyone see a single analyst's update.
 *
 * <p>Layout: DL4J's flattened parameters of a {@code DenseLayer}, weights [nIn, nOut] in column-major order
 * (W[i][j] at i + j·nIn) followed by the nOut biases.
 */
public final class GradientLeakage {
  private GradientLeakage() {}

  /** One unit's reconstruction of the input, with the bias gradient it divided by. */
  public record Reconstruction(int unit, double biasGradient, double[] input) {}

  /**
   * The reconstruction from every unit whose bias entry is not zero, largest |bias entry| first (the most
   * reliable: least amplified rounding).
   *
   * @param update the first layer's part of an update or gradient: nIn·nOut weights, then nOut biases
   * @throws IllegalArgumentException if the update is shorter than the layer
   */
  public static List<Reconstruction> reconstruct(double[] update, int nIn, int nOut) {
    if (nIn < 1 || nOut < 1 || update.length < (long) nIn * nOut + nOut) {
      throw new IllegalArgumentException("an update of " + update.length + " values cannot hold a " + nIn + " x "
          + nOut + " dense layer and its biases");
    }
    List<Reconstruction> out = new ArrayList<>();
    for (int j = 0; j < nOut; j++) {
      double db = update[nIn * nOut + j];
      if (db == 0 || !Double.isFinite(db)) {
        continue;
      }
      double[] x = new double[nIn];
      for (int i = 0; i < nIn; i++) {
        x[i] = update[i + j * nIn] / db;
      }
      out.add(new Reconstruction(j, db, x));
    }
    out.sort(Comparator.comparingDouble((Reconstruction r) -> -Math.abs(r.biasGradient())));
    return out;
  }

  /**
   * PSNR in dB of a reconstruction against the true input, both on the input scale [0, 1] (the reconstruction is
   * clipped to it, as an attacker knows the input range).
   */
  public static double psnr(double[] truth, double[] estimate) {
    if (truth.length != estimate.length) {
      throw new IllegalArgumentException("lengths differ: " + truth.length + " and " + estimate.length);
    }
    double se = 0;
    for (int i = 0; i < truth.length; i++) {
      double e = Math.max(0, Math.min(1, estimate[i])) - truth[i];
      se += e * e;
    }
    double mse = se / truth.length;
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(1 / mse);
  }

  /** The best PSNR any unit's reconstruction reaches against {@code truth}: what the strongest attacker gets. */
  public static double bestPsnr(List<Reconstruction> reconstructions, double[] truth) {
    double best = Double.NEGATIVE_INFINITY;
    for (Reconstruction r : reconstructions) {
      best = Math.max(best, psnr(truth, r.input()));
    }
    return best;
  }
}
