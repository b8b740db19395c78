package io.flep.engine.expression;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * A timer cycle: an ISO-8601 repeating interval such as {@code R3/PT10S}, {@code R/PT1M} or {@code
 * R2/2026-01-01T00:00:00Z/PT1H}.
 *
 * @param repetitions how often the timer fires; {@code -1} for infinitely
 * @param interval the time between two firings, positive
 * @param start when the first firing is due, if given; otherwise one interval after scheduling
 */
public record Cycle(int repetitions, Duration interval, Optional<ZonedDateTime> start) {

  /** Marks {@link #repetitions()} as infinite. */
  public static final int INFINITE = -1;

  /** Validates the components. */
  public Cycle {
    if (repetitions < INFINITE) {
      throw new IllegalArgumentException(
          "repetitions must be -1 (infinite) or >= 0: " + repetitions);
    }
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    Objects.requireNonNull(start, "start");
  }

  /**
   * Returns whether the cycle repeats forever.
   *
   * @return true if {@link #repetitions()} is {@link #INFINITE}
   */
  public boolean isInfinite() {
    return repetitions == INFINITE;
  }

  /**
   * Returns the cycle as ISO-8601 repeating interval, which {@link
   * ExpressionEvaluator#evaluateCycle} parses back to an equal cycle.
   *
   * @return e.g. {@code R3/PT10S} or {@code R/2026-01-01T00:00:00Z/PT1H}
   */
  public String toIsoString() {
    StringBuilder iso = new StringBuilder("R");
    if (!isInfinite()) {
      iso.append(repetitions);
    }
    iso.append('/');
    start.ifPresent(s -> iso.append(DateTimeFormatter.ISO_ZONED_DATE_TIME.format(s)).append('/'));
    return iso.append(interval).toString();
  }
}
