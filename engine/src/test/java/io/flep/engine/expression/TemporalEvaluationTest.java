package io.flep.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemporalEvaluationTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final ExpressionEvaluator evaluator =
      new ExpressionEvaluator(Clock.fixed(NOW, ZoneOffset.UTC));

  private final VariableLookup vars =
      VariableLookup.of(Map.of("timeout", "PT30S", "due", "2026-05-01T08:00:00+02:00", "n", 4));

  private Duration duration(String source) throws ExpressionException {
    return evaluator.evaluateDuration(Expression.parse(source), vars);
  }

  private ZonedDateTime dateTime(String source) throws ExpressionException {
    return evaluator.evaluateDateTime(Expression.parse(source), vars);
  }

  private Cycle cycle(String source) throws ExpressionException {
    return evaluator.evaluateCycle(Expression.parse(source), vars);
  }

  @Test
  void staticDurations() throws ExpressionException {
    assertThat(duration("PT5S")).isEqualTo(Duration.ofSeconds(5));
    assertThat(duration("P1D")).isEqualTo(Duration.ofDays(1));
    assertThat(duration("P1DT2H")).isEqualTo(Duration.ofHours(26));
    assertThat(duration("P2W")).isEqualTo(Duration.ofDays(14));
    assertThat(duration("P1W1DT1M")).isEqualTo(Duration.ofDays(8).plusMinutes(1));
  }

  @Test
  void feelDurations() throws ExpressionException {
    assertThat(duration("=duration(\"PT1M\") * n")).isEqualTo(Duration.ofMinutes(4));
    assertThat(duration("=timeout")).isEqualTo(Duration.ofSeconds(30));
    assertThat(duration("=@\"P1DT1H\"")).isEqualTo(Duration.ofHours(25));
  }

  @Test
  void invalidDurations() {
    assertThatThrownBy(() -> duration("five seconds"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith(
            "Invalid duration format 'five seconds' for expression 'five seconds'");
    assertThatThrownBy(() -> duration("P1M"))
        .hasMessageContaining("years and months have no fixed length");
    assertThatThrownBy(() -> duration("=duration(\"P1Y\")"))
        .hasMessage(
            "Expected result of the expression 'duration(\"P1Y\")' to be one of '[DURATION,"
                + " STRING]', but was 'PERIOD'.");
    assertThatThrownBy(() -> duration("=n"))
        .hasMessage(
            "Expected result of the expression 'n' to be one of '[DURATION, STRING]', but was"
                + " 'NUMBER'.");
  }

  @Test
  void staticDateTimes() throws ExpressionException {
    assertThat(dateTime("2026-01-01T00:00:00Z"))
        .isEqualTo(ZonedDateTime.parse("2026-01-01T00:00:00Z"));
    assertThat(dateTime("2026-01-01T10:00:00+01:00[Europe/Berlin]"))
        .isEqualTo(ZonedDateTime.of(2026, 1, 1, 10, 0, 0, 0, ZoneId.of("Europe/Berlin")));
  }

  @Test
  void feelDateTimes() throws ExpressionException {
    assertThat(dateTime("=date and time(\"2026-01-01T10:00:00@Europe/Berlin\")"))
        .isEqualTo(ZonedDateTime.of(2026, 1, 1, 10, 0, 0, 0, ZoneId.of("Europe/Berlin")));
    assertThat(dateTime("=due").toInstant()).isEqualTo(Instant.parse("2026-05-01T06:00:00Z"));
    assertThat(dateTime("=now() + duration(\"PT1H\")").toInstant())
        .isEqualTo(NOW.plusSeconds(3600));
    assertThat(dateTime("=date and time(due) + duration(\"P1D\")").toInstant())
        .isEqualTo(Instant.parse("2026-05-02T06:00:00Z"));
  }

  @Test
  void invalidDateTimes() {
    assertThatThrownBy(() -> dateTime("2026-01-01T10:00:00"))
        .hasMessageStartingWith(
            "Invalid date-time format '2026-01-01T10:00:00' for expression '2026-01-01T10:00:00'");
    assertThatThrownBy(() -> dateTime("=date(\"2026-01-01\")"))
        .hasMessage(
            "Expected result of the expression 'date(\"2026-01-01\")' to be one of '[DATE_TIME,"
                + " STRING]', but was 'DATE'.");
    assertThatThrownBy(() -> dateTime("=date and time(\"2026-01-01T10:00:00\")"))
        .hasMessageEndingWith("but was 'LOCAL_DATE_TIME'.");
  }

  @Test
  void staticCycles() throws ExpressionException {
    assertThat(cycle("R3/PT10S")).isEqualTo(new Cycle(3, Duration.ofSeconds(10), Optional.empty()));
    assertThat(cycle("R/PT1M")).isEqualTo(new Cycle(-1, Duration.ofMinutes(1), Optional.empty()));
    assertThat(cycle("R/PT1M").isInfinite()).isTrue();
    assertThat(cycle("R2/2026-01-01T00:00:00Z/PT1H"))
        .isEqualTo(
            new Cycle(
                2, Duration.ofHours(1), Optional.of(ZonedDateTime.parse("2026-01-01T00:00:00Z"))));
  }

  @Test
  void feelCycles() throws ExpressionException {
    assertThat(cycle("=cycle(duration(\"PT1H\"))"))
        .isEqualTo(new Cycle(-1, Duration.ofHours(1), Optional.empty()));
    assertThat(cycle("=cycle(n - 1, duration(\"PT10S\"))"))
        .isEqualTo(new Cycle(3, Duration.ofSeconds(10), Optional.empty()));
    assertThat(cycle("=\"R5/\" + timeout"))
        .isEqualTo(new Cycle(5, Duration.ofSeconds(30), Optional.empty()));
    assertThat(evaluator.evaluate(Expression.parse("=cycle(2, duration(\"P1D\"))"), vars))
        .isEqualTo("R2/PT24H");
  }

  @Test
  void invalidCycles() {
    assertThatThrownBy(() -> cycle("0 0 9-17 * * MON-FRI"))
        .hasMessageStartingWith("Invalid time cycle format '0 0 9-17 * * MON-FRI' for expression");
    assertThatThrownBy(() -> cycle("R3/PT0S")).hasMessageContaining("interval must be positive");
    assertThatThrownBy(() -> cycle("=cycle(-1, duration(\"PT1S\"))"))
        .hasMessageContaining("expected a non-negative integer as repetitions");
    assertThatThrownBy(() -> cycle("=duration(\"PT1S\")"))
        .hasMessage(
            "Expected result of the expression 'duration(\"PT1S\")' to be 'STRING', but was"
                + " 'DURATION'.");
  }

  @Test
  void cycleIsoStringRoundTrips() throws ExpressionException {
    for (String iso : new String[] {"R3/PT10S", "R/PT1M", "R2/2026-01-01T00:00:00Z/PT1H"}) {
      assertThat(cycle(iso).toIsoString()).isEqualTo(iso);
      assertThat(cycle(cycle(iso).toIsoString())).isEqualTo(cycle(iso));
    }
  }

  @Test
  void temporalResultsBecomeFeelStrings() throws ExpressionException {
    VariableLookup none = VariableLookup.empty();

    assertThat(evaluator.evaluate(Expression.feel("date(\"2026-01-31\")"), none))
        .isEqualTo("2026-01-31");
    assertThat(evaluator.evaluate(Expression.feel("date and time(\"2026-01-01T10:00:00Z\")"), none))
        .isEqualTo("2026-01-01T10:00:00Z");
    assertThat(
            evaluator.evaluate(
                Expression.feel("date and time(\"2026-01-01T10:00:00@Europe/Berlin\")"), none))
        .isEqualTo("2026-01-01T10:00:00@Europe/Berlin");
    assertThat(evaluator.evaluate(Expression.feel("duration(\"P1DT2H\")"), none))
        .isEqualTo("P1DT2H");
    assertThat(evaluator.evaluate(Expression.feel("duration(\"P1Y2M\")"), none)).isEqualTo("P1Y2M");
    assertThat(evaluator.evaluate(Expression.feel("time(\"10:15:00\")"), none))
        .isEqualTo("10:15:00");
  }
}
