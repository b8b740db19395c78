package io.flep.lab.cipher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HarnessTest {

  @Test
  void warmsUpThenTimesAtLeastTheMinimumIterations() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Harness harness = new Harness(Duration.ZERO, Duration.ZERO, 7);

    Timing t = harness.time(() -> new byte[calls.incrementAndGet()], 10);

    assertThat(t.iterations()).isEqualTo(7);
    assertThat(calls.get()).as("one warm-up call plus the timed ones").isEqualTo(8);
    assertThat(t.bytesPerOp()).isEqualTo(10);
    assertThat(t.medianNs()).isPositive();
  }

  @Test
  void keepsMeasuringForTheWholePeriod() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Harness harness = new Harness(Duration.ZERO, Duration.ofMillis(30), 1);
    long start = System.nanoTime();

    Timing t = harness.time(() -> calls.incrementAndGet(), 1);

    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(30_000_000L);
    assertThat(t.iterations()).isGreaterThan(1).isEqualTo(calls.get() - 1);
  }

  @Test
  void operationFailuresPropagate() {
    Harness harness = new Harness(Duration.ZERO, Duration.ZERO, 1);

    assertThatThrownBy(() -> harness.time(() -> {
      throw new IllegalStateException("boom");
    }, 1)).hasMessage("boom");
  }

  @Test
  void rejectsNonsenseSettings() {
    assertThatThrownBy(() -> new Harness(Duration.ofSeconds(-1), Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Harness(Duration.ZERO, Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
