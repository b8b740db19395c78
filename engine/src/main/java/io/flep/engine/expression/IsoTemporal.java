package io.flep.engine.expression;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the ISO-8601 texts of timer definitions. Each method throws IllegalArgumentException or
 * DateTimeParseException with the reason.
 */
final class IsoTemporal {

  private static final Pattern REPETITIONS = Pattern.compile("R(\\d*)");

  private IsoTemporal() {}

  /**
   * Parses a duration: {@code PnDTnHnMn.nS} as {@link Duration#parse}, plus weeks ({@code P2W}) and
   * days combined with weeks; a day is 24 hours. Years and months are rejected: they have no fixed
   * length.
   */
  static Duration duration(String text) {
    String s = text.strip();
    try {
      return Duration.parse(s);
    } catch (DateTimeParseException notPlain) {
      boolean negative = s.startsWith("-");
      String body = negative || s.startsWith("+") ? s.substring(1) : s;
      int t = body.indexOf('T');
      Period period = Period.parse(t < 0 ? body : body.substring(0, t));
      if (period.getYears() != 0 || period.getMonths() != 0) {
        throw new IllegalArgumentException("years and months have no fixed length");
      }
      Duration duration = Duration.ofDays(period.getDays());
      if (t >= 0) {
        duration = duration.plus(Duration.parse("PT" + body.substring(t + 1)));
      }
      return negative ? duration.negated() : duration;
    }
  }

  /**
   * Parses a date-time with offset or zone: ISO ({@code 2026-01-01T10:00:00Z}, {@code ...+01:00},
   * {@code ...+01:00[Europe/Berlin]}) or FEEL's zone form ({@code
   * 2026-01-01T10:00:00@Europe/Berlin}).
   */
  static ZonedDateTime dateTime(String text) {
    String s = text.strip();
    int at = s.indexOf('@');
    if (at >= 0) {
      return LocalDateTime.parse(s.substring(0, at)).atZone(ZoneId.of(s.substring(at + 1)));
    }
    return ZonedDateTime.parse(s);
  }

  /** Parses {@code R[n]/<duration>} or {@code R[n]/<start date-time>/<duration>}. */
  static Cycle cycle(String text) {
    String[] parts = text.strip().split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("expected R[n]/duration or R[n]/start/duration");
    }
    Matcher repetitions = REPETITIONS.matcher(parts[0]);
    if (!repetitions.matches()) {
      throw new IllegalArgumentException(
          "expected repetitions R or R<n>, but was '" + parts[0] + "'");
    }
    int count =
        repetitions.group(1).isEmpty() ? Cycle.INFINITE : Integer.parseInt(repetitions.group(1));
    Optional<ZonedDateTime> start =
        parts.length == 3 ? Optional.of(dateTime(parts[1])) : Optional.empty();
    return new Cycle(count, duration(parts[parts.length - 1]), start);
  }
}
