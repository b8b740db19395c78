package io.flep.encryption.threelayer.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogisticMapTest {

  @Test
  void iteratesTheMapExactlyAsIeeeDoublesDo() {
    // Reference values from Python floats: x = 4*x*(1-x) from 0.1.
    assertThat(new LogisticMap(0.1, 4.0, 0).sequence(3)).containsExactly(0.36000000000000004, 0.9216, 0.28901376000000006);
  }

  @Test
  void burnInDiscardsTheFirstIterations() {
    double[] full = new LogisticMap(0.1, 4.0, 0).sequence(10);
    assertThat(new LogisticMap(0.1, 4.0, 7).sequence(3)).containsExactly(full[7], full[8], full[9]);
  }

  @Test
  void sortOrderIsTheArgsortOfTheSequence() {
    assertThat(new LogisticMap(0.1, 4.0, 0).sortOrder(3)).containsExactly(2, 0, 1);
  }

  @Test
  void argsortIsStableAndMatchesAReferenceSortOnLongInputs() {
    assertThat(LogisticMap.argsort(new double[] {0.5, 0.1, 0.5, 0.1, 0.3})).containsExactly(1, 3, 4, 0, 2);

    double[] seq = new LogisticMap(0.37, 3.99, 100).sequence(16_384);
    int[] order = LogisticMap.argsort(seq);
    Integer[] ref = new Integer[seq.length];
    Arrays.setAll(ref, i -> i);
    Arrays.sort(ref, (a, b) -> Double.compare(seq[a], seq[b])); // stable reference (TimSort)
    assertThat(order).containsExactly(Arrays.stream(ref).mapToInt(Integer::intValue).toArray());
  }

  @Test
  void nearbyKeysGiveUnrelatedOrders() {
    int[] a = new LogisticMap(0.3, 3.99, 1000).sortOrder(1000);
    int[] b = new LogisticMap(0.3 + 1e-15, 3.99, 1000).sortOrder(1000);
    int same = 0;
    for (int i = 0; i < a.length; i++) {
      same += a[i] == b[i] ? 1 : 0;
    }
    assertThat(same).isLessThan(20);
  }

  @Test
  void flippingTheLowestBitOfX0IsOftenAbsorbedByRounding() {
    // A documented weakness of double-precision chaos: the last mantissa bits of x0 often do not survive the
    // first iterations, so the effective key space is below 2^52 per variable. Measured: ~1/3 of keys.
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
    int identical = 0;
    for (int t = 0; t < 200; t++) {
      double x0 = ((rnd.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
      double r = 3.99 + 0.01 * rnd.nextDouble();
      double x1 = Double.longBitsToDouble(Double.doubleToLongBits(x0) ^ 1);
      identical += Arrays.equals(new LogisticMap(x0, r, 1000).sortOrder(1024), new LogisticMap(x1, r, 1000).sortOrder(1024)) ? 1 : 0;
    }
    assertThat(identical).isBetween(20, 120);
  }

  @Test
  void rejectsKeysOutsideTheChaoticRangeOrCollapsing() {
    assertThatThrownBy(() -> new LogisticMap(0, 4, 0)).hasMessageContaining("x0 must be in (0, 1)");
    assertThatThrownBy(() -> new LogisticMap(1, 4, 0)).hasMessageContaining("x0");
    assertThatThrownBy(() -> new LogisticMap(Double.NaN, 4, 0)).hasMessageContaining("x0");
    assertThatThrownBy(() -> new LogisticMap(0.2, 3.5, 0)).hasMessageContaining("r must be in");
    assertThatThrownBy(() -> new LogisticMap(0.2, 4.1, 0)).hasMessageContaining("r must be in");
    assertThatThrownBy(() -> new LogisticMap(0.2, 4, -1)).hasMessageContaining("burn-in");
    assertThatThrownBy(() -> new LogisticMap(0.5, 4, 10)).hasMessageContaining("fixed point"); // 0.5 -> 1 -> 0
    assertThatThrownBy(() -> new LogisticMap(0.75, 4, 10)).hasMessageContaining("fixed point");
  }

  @Test
  void toStringHidesTheKey() {
    assertThat(new LogisticMap(0.123456, 3.99, 5).toString()).doesNotContain("0.123456").doesNotContain("3.99");
  }
}
