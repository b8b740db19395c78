package io.flep.engine.expression;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.camunda.feel.api.EvaluationFailure;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValBoolean;
import org.camunda.feel.syntaxtree.ValDateTime;
import org.camunda.feel.syntaxtree.ValDayTimeDuration;
import org.camunda.feel.syntaxtree.ValList;
import org.camunda.feel.syntaxtree.ValNumber;
import org.camunda.feel.syntaxtree.ValString;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Evaluates {@link Expression}s against process variables with the feel-scala engine. Thread-safe;
 * create one per engine.
 *
 * <p>A static expression evaluates to its text. A FEEL expression sees the variables of a {@link
 * VariableLookup}, which it queries lazily, only for the names it references; an undefined variable
 * is {@code null}, as in Zeebe. Results are converted as {@link FeelValues} describes.
 *
 * <p>Every failure is an {@link ExpressionException} whose message is an incident message in Zeebe
 * 8.8's wording: {@code failed to evaluate expression 'x': ...} when FEEL fails, {@code Expected
 * result of the expression 'x' to be 'BOOLEAN', but was 'NULL'.} for a result of the wrong type.
 * FEEL's warnings (e.g. {@code [NO_VARIABLE_FOUND] No variable found with name 'x'}) are appended
 * after {@code The evaluation reported the following warnings:}. A {@link RuntimeException} thrown
 * by the lookup propagates unchanged.
 *
 * <p>Besides FEEL's built-in functions, expressions can call Zeebe's {@code cycle(interval)} and
 * {@code cycle(repetitions, interval)}.
 */
public final class ExpressionEvaluator {

  private final FeelEngineApi feel;

  /** Creates an evaluator whose FEEL {@code now()} and {@code today()} read the system clock. */
  public ExpressionEvaluator() {
    this(Clock.systemDefaultZone());
  }

  /**
   * Creates an evaluator whose FEEL {@code now()} and {@code today()} read {@code clock}.
   *
   * @param clock the clock for FEEL's current time
   */
  public ExpressionEvaluator(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    this.feel =
        FeelEngineBuilder.create()
            .withValueMapper(new RawValueMapper())
            .withFunctionProvider(new FlepFunctions())
            .withClock(() -> ZonedDateTime.now(clock))
            .build();
  }

  /**
   * Evaluates an expression.
   *
   * @param e the expression
   * @param vars the variables visible to it
   * @return the static text, or the FEEL result in the engine's Java value model
   * @throws ExpressionException if the FEEL evaluation fails
   */
  public Object evaluate(Expression e, VariableLookup vars) throws ExpressionException {
    return e.isStatic() ? e.source() : FeelValues.toJava(evaluateFeel(e, vars).value);
  }

  /**
   * Evaluates a condition.
   *
   * @param e the expression, FEEL returning a boolean
   * @param vars the variables visible to it
   * @return the boolean result
   * @throws ExpressionException if the evaluation fails or the result (or a static value) is not a
   *     boolean
   */
  public boolean evaluateBoolean(Expression e, VariableLookup vars) throws ExpressionException {
    Result result = evaluateTyped(e, vars, "BOOLEAN");
    if (result.value instanceof ValBoolean b) {
      return b.value();
    }
    throw result.unexpectedType("BOOLEAN");
  }

  /**
   * Evaluates a string, e.g. a job type or message name.
   *
   * @param e the expression
   * @param vars the variables visible to it
   * @return the static text or the FEEL string
   * @throws ExpressionException if the evaluation fails or FEEL does not return a string
   */
  public String evaluateString(Expression e, VariableLookup vars) throws ExpressionException {
    if (e.isStatic()) {
      return e.source();
    }
    Result result = evaluateFeel(e, vars);
    if (result.value instanceof ValString s) {
      return s.value();
    }
    throw result.unexpectedType("STRING");
  }

  /**
   * Evaluates an integral number, e.g. retries or a loop cardinality. A static value must be a
   * decimal integer; a FEEL number must be integral (no silent truncation) and within long range.
   *
   * @param e the expression
   * @param vars the variables visible to it
   * @return the number
   * @throws ExpressionException if the evaluation fails or the result is not an integral number
   */
  public long evaluateLong(Expression e, VariableLookup vars) throws ExpressionException {
    if (e.isStatic()) {
      try {
        return Long.parseLong(e.source().strip());
      } catch (NumberFormatException notANumber) {
        throw typeMismatch(e, "'NUMBER'", "STRING", "");
      }
    }
    Result result = evaluateFeel(e, vars);
    if (result.value instanceof ValNumber n) {
      BigDecimal number = n.value().bigDecimal();
      try {
        return number.longValueExact();
      } catch (ArithmeticException notLong) {
        throw new ExpressionException(
            e.source(),
            String.format(
                "Expected result of the expression '%s' to be an integral 'NUMBER' within the range"
                    + " of a long, but was '%s'.",
                e.text(), number.toPlainString()));
      }
    }
    throw result.unexpectedType("NUMBER");
  }

  /**
   * Evaluates a list, e.g. a multi-instance input collection.
   *
   * @param e the expression, FEEL returning a list
   * @param vars the variables visible to it
   * @return a new mutable list of Java values
   * @throws ExpressionException if the evaluation fails or the result (or a static value) is not a
   *     list
   */
  @SuppressWarnings("unchecked")
  public List<Object> evaluateList(Expression e, VariableLookup vars) throws ExpressionException {
    Result result = evaluateTyped(e, vars, "ARRAY");
    if (result.value instanceof ValList) {
      return (List<Object>) FeelValues.toJava(result.value);
    }
    throw result.unexpectedType("ARRAY");
  }

  /**
   * Evaluates a timer duration: static ISO-8601 text ({@code PT5S}, {@code P1D}, {@code P1DT2H},
   * {@code P2W}), a FEEL days-and-time duration, or a FEEL string holding such text. A day is 24
   * hours. Years and months (FEEL years-and-months durations, {@code P1M}) are rejected because a
   * {@link Duration} has no calendar.
   *
   * @param e the expression
   * @param vars the variables visible to it
   * @return the duration
   * @throws ExpressionException if the evaluation fails or the result is no such duration
   */
  public Duration evaluateDuration(Expression e, VariableLookup vars) throws ExpressionException {
    if (e.isStatic()) {
      return parseText(e, e.source(), "duration", IsoTemporal::duration);
    }
    Result result = evaluateFeel(e, vars);
    return switch (result.value) {
      case ValDayTimeDuration d -> d.value();
      case ValString s -> parseText(e, s.value(), "duration", IsoTemporal::duration);
      default -> throw result.unexpectedType("[DURATION, STRING]");
    };
  }

  /**
   * Evaluates a timer date: static ISO-8601 date-time with offset or zone ({@code
   * 2026-01-01T10:00:00Z}, {@code 2026-01-01T10:00:00+01:00[Europe/Berlin]}), a FEEL date and time
   * with offset or zone, or a FEEL string holding such text. A date-time without zone is rejected.
   *
   * @param e the expression
   * @param vars the variables visible to it
   * @return the date-time
   * @throws ExpressionException if the evaluation fails or the result is no such date-time
   */
  public ZonedDateTime evaluateDateTime(Expression e, VariableLookup vars)
      throws ExpressionException {
    if (e.isStatic()) {
      return parseText(e, e.source(), "date-time", IsoTemporal::dateTime);
    }
    Result result = evaluateFeel(e, vars);
    return switch (result.value) {
      case ValDateTime d -> d.value();
      case ValString s -> parseText(e, s.value(), "date-time", IsoTemporal::dateTime);
      default -> throw result.unexpectedType("[DATE_TIME, STRING]");
    };
  }

  /**
   * Evaluates a timer cycle: static ISO-8601 repeating interval ({@code R3/PT10S}, {@code R/PT1M},
   * {@code R2/2026-01-01T00:00:00Z/PT1H}) or FEEL returning such text, e.g. {@code cycle(3,
   * duration("PT10S"))}. Cron expressions are not supported.
   *
   * @param e the expression
   * @param vars the variables visible to it
   * @return the cycle
   * @throws ExpressionException if the evaluation fails or the result is no such cycle
   */
  public Cycle evaluateCycle(Expression e, VariableLookup vars) throws ExpressionException {
    if (e.isStatic()) {
      return parseText(e, e.source(), "time cycle", IsoTemporal::cycle);
    }
    Result result = evaluateFeel(e, vars);
    if (result.value instanceof ValString s) {
      return parseText(e, s.value(), "time cycle", IsoTemporal::cycle);
    }
    throw result.unexpectedType("STRING");
  }

  private Result evaluateTyped(Expression e, VariableLookup vars, String expected)
      throws ExpressionException {
    if (e.isStatic()) {
      throw typeMismatch(e, "'" + expected + "'", "STRING", "");
    }
    return evaluateFeel(e, vars);
  }

  private Result evaluateFeel(Expression e, VariableLookup vars) throws ExpressionException {
    Objects.requireNonNull(vars, "vars");
    LookupContext context = new LookupContext(vars);
    EvaluationResult result = feel.evaluate(e.parsed(), context);
    context.rethrowLookupFailure();
    String warnings = warnings(result);
    if (result.isFailure()) {
      String message = result.failure().message();
      String separator = warnings.isEmpty() || message.endsWith(".") ? "" : ".";
      throw new ExpressionException(e.source(), message + separator + warnings);
    }
    return new Result(e, (Val) result.result(), warnings);
  }

  private static String warnings(EvaluationResult result) {
    if (!result.hasSuppressedFailures()) {
      return "";
    }
    StringBuilder text = new StringBuilder(" The evaluation reported the following warnings:");
    for (EvaluationFailure failure : CollectionConverters.asJava(result.suppressedFailures())) {
      text.append("\n[")
          .append(failure.failureType())
          .append("] ")
          .append(failure.failureMessage());
    }
    return text.toString();
  }

  private static <T> T parseText(Expression e, String text, String kind, Function<String, T> parser)
      throws ExpressionException {
    try {
      return parser.apply(text);
    } catch (DateTimeException | IllegalArgumentException | ArithmeticException invalid) {
      throw new ExpressionException(
          e.source(),
          String.format(
              "Invalid %s format '%s' for expression '%s': %s",
              kind, text, e.text(), invalid.getMessage()));
    }
  }

  private static ExpressionException typeMismatch(
      Expression e, String expected, String actual, String warnings) {
    String expectation = expected.startsWith("'[") ? "one of " + expected : expected;
    return new ExpressionException(
        e.source(),
        String.format(
                "Expected result of the expression '%s' to be %s, but was '%s'.",
                e.text(), expectation, actual)
            + warnings);
  }

  /** A successful FEEL result with the warnings FEEL reported on the way. */
  private record Result(Expression expression, Val value, String warnings) {

    ExpressionException unexpectedType(String expected) {
      return typeMismatch(expression, "'" + expected + "'", FeelValues.typeName(value), warnings);
    }
  }

  /**
   * Hands FEEL results back as {@link Val} so that {@link FeelValues} converts them in one place.
   */
  private static final class RawValueMapper implements ValueMapper {

    @Override
    public Val toVal(Object x) {
      return FeelValues.toFeel(x);
    }

    @Override
    public Object unpackVal(Val value) {
      return value;
    }
  }
}
