package io.flep.lab.cipher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flep.plugin.api.image.RasterImage;
import org.junit.jupiter.api.Test;

class FidelityTest {

  @Test
  void identicalImagesHaveInfinitePsnrAndSsimOne() {
    RasterImage a = TestImages.random(32, 24, 3, 5);

    assertThat(Fidelity.psnr(a, a)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Fidelity.ssim(a, a)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void psnrHandComputed() {
    RasterImage a = TestImages.grey(10, 10, (x, y) -> 100);
    RasterImage off1 = TestImages.grey(10, 10, (x, y) -> 101);
    RasterImage half = TestImages.grey(10, 10, (x, y) -> x < 5 ? 100 : 110);

    assertThat(Fidelity.psnr(a, off1)).isCloseTo(20 * Math.log10(255), within(1e-9)); // MSE 1: 48.1308 dB
    assertThat(Fidelity.psnr(a, half)).isCloseTo(10 * Math.log10(255.0 * 255 / 50), within(1e-9));
  }

  @Test
  void ssimOfTwoConstantImagesIsTheLuminanceTerm() {
    RasterImage a = TestImages.grey(11, 11, (x, y) -> 100);
    RasterImage b = TestImages.grey(11, 11, (x, y) -> 110);
    double c1 = Math.pow(0.01 * 255, 2);

    // sigma = 0: SSIM = (2ab + C1) / (a² + b² + C1)
    assertThat(Fidelity.ssim(a, b)).isCloseTo((2 * 100 * 110 + c1) / (100 * 100 + 110 * 110 + c1), within(1e-12));
  }

  @Test
  void ssimOfOneWindowHandComputedWithGaussianWeights() {
    // one valid 11x11 window: x = checkerboard 0/255, y = its complement; means equal, covariance = -variance
    RasterImage x = TestImages.grey(11, 11, (i, j) -> (i + j) % 2 * 255);
    RasterImage y = TestImages.complement(x);
    double[] k = new double[11];
    double sum = 0;
    for (int i = 0; i < 11; i++) {
      k[i] = Math.exp(-(i - 5) * (i - 5) / 4.5);
      sum += k[i];
    }
    double wOdd = 0; // total weight of the 255-pixels of x
    for (int i = 0; i < 11; i++) {
      for (int j = 0; j < 11; j++) {
        if ((i + j) % 2 == 1) {
          wOdd += k[i] * k[j] / (sum * sum);
        }
      }
    }
    double mx = 255 * wOdd;
    double my = 255 * (1 - wOdd);
    double vx = 255.0 * 255 * wOdd - mx * mx;
    double vy = 255.0 * 255 * (1 - wOdd) - my * my;
    double cov = 0 - mx * my;
    double c1 = Math.pow(0.01 * 255, 2);
    double c2 = Math.pow(0.03 * 255, 2);
    double expected = (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));

    assertThat(Fidelity.ssim(x, y)).isCloseTo(expected, within(1e-12)).isNegative();
  }

  @Test
  void noiseLowersSsimSymmetrically() {
    RasterImage a = TestImages.grey(64, 64, (x, y) -> 2 * x + y);
    RasterImage noisy = TestImages.grey(64, 64, (x, y) -> 2 * x + y + ((x * 7 + y * 13) % 5 - 2) * 4);

    double s = Fidelity.ssim(a, noisy);
    assertThat(s).isBetween(0.0, 0.999);
    assertThat(Fidelity.ssim(noisy, a)).isCloseTo(s, within(1e-12));
  }

  @Test
  void ssimNeedsAWholeWindow() {
    RasterImage small = TestImages.random(10, 20, 1, 1);

    assertThatThrownBy(() -> Fidelity.ssim(small, small)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("11x11");
  }
}
