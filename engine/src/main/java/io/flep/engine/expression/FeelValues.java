package io.flep.engine.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValBoolean;
import org.camunda.feel.syntaxtree.ValContext;
import org.camunda.feel.syntaxtree.ValDate;
import org.camunda.feel.syntaxtree.ValDateTime;
import org.camunda.feel.syntaxtree.ValDayTimeDuration;
import org.camunda.feel.syntaxtree.ValFunction;
import org.camunda.feel.syntaxtree.ValList;
import org.camunda.feel.syntaxtree.ValLocalDateTime;
import org.camunda.feel.syntaxtree.ValLocalTime;
import org.camunda.feel.syntaxtree.ValNull$;
import org.camunda.feel.syntaxtree.ValNumber;
import org.camunda.feel.syntaxtree.ValRange;
import org.camunda.feel.syntaxtree.ValString;
import org.camunda.feel.syntaxtree.ValTime;
import org.camunda.feel.syntaxtree.ValYearMonthDuration;
import org.camunda.feel.syntaxtree.ZonedTime;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Converts between the engine's Java value model and FEEL values of the feel-scala engine. Shared
 * by the expression and decision layers; not meant for other callers.
 *
 * <p>Java to FEEL ({@link #toFeel}): {@code null}; {@link Boolean}; {@link String}; {@link Byte},
 * {@link Short}, {@link Integer}, {@link Long}, {@link BigInteger}, {@link BigDecimal} exactly;
 * {@link Float}/{@link Double} by their decimal string (so {@code 0.1} stays {@code 0.1}), NaN and
 * infinities as {@code null}; {@link Map} as a context that converts its entries lazily on access
 * and keeps the map's key order; {@link List} as a list (elements converted eagerly, nested maps
 * lazily); java.time values as the matching FEEL temporal; a FEEL {@link Val} as itself. Any other
 * type violates the value model: {@link IllegalArgumentException} naming the type.
 *
 * <p>FEEL to Java ({@link #toJava}): null; boolean as {@link Boolean}; number as {@link Long} when
 * integral and within long range, else as {@link Double} when finite as a double (non-integral
 * values keep about 16 significant digits), else as {@link BigDecimal}; string
 * as {@link String}; list as {@link ArrayList}; context as {@link LinkedHashMap} in the context's
 * key order; date, time, date-time and durations as their FEEL/ISO-8601 string (what FEEL's {@code
 * string()} returns, e.g. {@code "2026-01-01"}, {@code "2026-01-01T10:00:00Z"}, {@code
 * "2026-01-01T10:00:00@Europe/Berlin"}, {@code "P1DT2H"}, {@code "P1Y2M"}), so the matching FEEL
 * conversion function restores them; functions, ranges and errors as {@code null}.
 */
public final class FeelValues {

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private FeelValues() {}

  /**
   * Converts a Java value to a FEEL value.
   *
   * @param value a value of the engine's Java value model (or a FEEL value)
   * @return the FEEL value, never null
   * @throws IllegalArgumentException if the value (not a nested one, which is converted on access)
   *     is of an unsupported type
   */
  public static Val toFeel(Object value) {
    return switch (value) {
      case null -> ValNull$.MODULE$;
      case Val feel -> feel;
      case Boolean b -> new ValBoolean(b);
      case String s -> new ValString(s);
      case Integer i -> feelNumber(BigDecimal.valueOf(i));
      case Long l -> feelNumber(BigDecimal.valueOf(l));
      case Short s -> feelNumber(BigDecimal.valueOf(s));
      case Byte b -> feelNumber(BigDecimal.valueOf(b));
      case BigInteger i -> feelNumber(new BigDecimal(i));
      case BigDecimal d -> feelNumber(d);
      case Double d ->
          d.isNaN() || d.isInfinite() ? ValNull$.MODULE$ : feelNumber(BigDecimal.valueOf(d));
      case Float f ->
          f.isNaN() || f.isInfinite() ? ValNull$.MODULE$ : feelNumber(new BigDecimal(f.toString()));
      case Map<?, ?> map -> new ValContext(new MapContext(map));
      case List<?> list -> list(list);
      case LocalDate d -> new ValDate(d);
      case LocalTime t -> new ValLocalTime(t);
      case LocalDateTime t -> new ValLocalDateTime(t);
      case ZonedDateTime t -> new ValDateTime(t);
      case OffsetDateTime t -> new ValDateTime(t.toZonedDateTime());
      case OffsetTime t -> new ValTime(ZonedTime.of(t));
      case Duration d -> new ValDayTimeDuration(d);
      case Period p -> new ValYearMonthDuration(p);
      default ->
          throw new IllegalArgumentException(
              "unsupported variable value of type '" + value.getClass().getName() + "'");
    };
  }

  private static Val feelNumber(BigDecimal value) {
    return new ValNumber(scala.math.BigDecimal$.MODULE$.apply(value));
  }

  private static Val list(List<?> list) {
    List<Val> items = new ArrayList<>(list.size());
    for (Object item : list) {
      items.add(toFeel(item));
    }
    return new ValList(CollectionConverters.asScala(items).toList());
  }

  /**
   * Converts a FEEL value to the engine's Java value model.
   *
   * @param value the FEEL value, or a value a FEEL context holds unconverted
   * @return the Java value; nested maps are mutable {@link LinkedHashMap}s, lists {@link
   *     ArrayList}s
   */
  public static Object toJava(Object value) {
    Val feel = toFeel(value);
    return switch (feel) {
      case ValBoolean b -> b.value();
      case ValNumber n -> javaNumber(n.value().bigDecimal());
      case ValString s -> s.value();
      case ValList l -> {
        List<Object> items = new ArrayList<>();
        for (Val item : CollectionConverters.asJava(l.itemsAsSeq())) {
          items.add(toJava(item));
        }
        yield items;
      }
      case ValContext c -> {
        Map<String, Object> map = new LinkedHashMap<>();
        VariableProvider provider = c.context().variableProvider();
        for (String key : CollectionConverters.asJava(provider.keys())) {
          Option<Object> entry = provider.getVariable(key);
          map.put(key, toJava(entry.isDefined() ? entry.get() : null));
        }
        yield map;
      }
      case ValDate d -> d.toString();
      case ValTime t -> t.toString();
      case ValLocalTime t -> t.toString();
      case ValDateTime t -> t.toString();
      case ValLocalDateTime t -> t.toString();
      case ValDayTimeDuration d -> d.toString();
      case ValYearMonthDuration d -> d.toString();
      default -> null;
    };
  }

  private static Object javaNumber(BigDecimal value) {
    if (isIntegral(value) && value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
      return value.longValueExact();
    }
    double asDouble = value.doubleValue();
    return Double.isInfinite(asDouble) ? value : asDouble;
  }

  static boolean isIntegral(BigDecimal value) {
    return value.signum() == 0 || value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0;
  }

  /** The type name error messages use: Zeebe's result types, plus FEEL's other kinds. */
  static String typeName(Val value) {
    return switch (value) {
      case ValBoolean b -> "BOOLEAN";
      case ValNumber n -> "NUMBER";
      case ValString s -> "STRING";
      case ValList l -> "ARRAY";
      case ValContext c -> "OBJECT";
      case ValDateTime t -> "DATE_TIME";
      case ValLocalDateTime t -> "LOCAL_DATE_TIME";
      case ValDate d -> "DATE";
      case ValTime t -> "TIME";
      case ValLocalTime t -> "LOCAL_TIME";
      case ValDayTimeDuration d -> "DURATION";
      case ValYearMonthDuration d -> "PERIOD";
      case ValFunction f -> "FUNCTION";
      case ValRange r -> "RANGE";
      default -> value == ValNull$.MODULE$ ? "NULL" : "UNKNOWN";
    };
  }
}
