package io.flep.engine.expression;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.camunda.feel.context.JavaFunction;
import org.camunda.feel.context.JavaFunctionProvider;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValDayTimeDuration;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValNumber;
import org.camunda.feel.syntaxtree.ValString;

/**
 * The FEEL functions Zeebe adds to the standard library: {@code cycle(interval)} and {@code
 * cycle(repetitions, interval)}, which return the ISO-8601 repeating interval text of a timer cycle
 * ({@code "R/PT1H"}, {@code "R3/PT1H"}) for a days-and-time duration and a non-negative integer.
 */
final class FlepFunctions extends JavaFunctionProvider {

  private static final String CYCLE = "cycle";

  private static final List<JavaFunction> CYCLE_FUNCTIONS =
      List.of(
          new JavaFunction(List.of("interval"), args -> cycle(null, args.get(0))),
          new JavaFunction(
              List.of("repetitions", "interval"), args -> cycle(args.get(0), args.get(1))));

  @Override
  public Optional<JavaFunction> resolveFunction(String functionName) {
    return CYCLE.equals(functionName) ? Optional.of(CYCLE_FUNCTIONS.get(0)) : Optional.empty();
  }

  @Override
  public List<JavaFunction> resolveFunctions(String functionName) {
    return CYCLE.equals(functionName) ? CYCLE_FUNCTIONS : List.of();
  }

  @Override
  public Collection<String> getFunctionNames() {
    return List.of(CYCLE);
  }

  private static Val cycle(Val repetitions, Val interval) {
    if (!(interval instanceof ValDayTimeDuration duration)) {
      return new ValError(
          "cycle: expected a days and time duration as interval, but found '" + interval + "'");
    }
    if (repetitions == null) {
      return new ValString("R/" + duration.value());
    }
    if (repetitions instanceof ValNumber number) {
      BigDecimal count = number.value().bigDecimal();
      if (count.signum() >= 0
          && FeelValues.isIntegral(count)
          && count.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
        return new ValString("R" + count.intValueExact() + "/" + duration.value());
      }
    }
    return new ValError(
        "cycle: expected a non-negative integer as repetitions, but found '" + repetitions + "'");
  }
}
