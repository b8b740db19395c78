package io.flep.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpressionEvaluatorTest {

  private final ExpressionEvaluator evaluator = new ExpressionEvaluator();

  private final Map<String, Object> order =
      Map.of(
          "id",
          "o-1",
          "total",
          120,
          "customer",
          Map.of("name", "Ada", "address", Map.of("city", "Berlin")),
          "items",
          List.of(
              Map.of("sku", "a", "price", 20, "qty", 2),
              Map.of("sku", "b", "price", 40.5, "qty", 1)));

  private final VariableLookup vars = VariableLookup.of(Map.of("order", order, "limit", 100L));

  private Object eval(String feel) throws ExpressionException {
    return evaluator.evaluate(Expression.feel(feel), vars);
  }

  @Test
  void arithmetic() throws ExpressionException {
    assertThat(eval("order.total + 5")).isEqualTo(125L);
    assertThat(eval("order.total / 8")).isEqualTo(15L);
    assertThat(eval("order.total / 7")).isEqualTo(120.0 / 7);
    assertThat(eval("10 / 4")).isEqualTo(2.5);
    assertThat(eval("2 ** 10")).isEqualTo(1024L);
    assertThat(eval("0.1 + 0.2")).isEqualTo(0.3);
  }

  @Test
  void booleanLogic() throws ExpressionException {
    assertThat(
            evaluator.evaluateBoolean(
                Expression.feel("order.total > limit and order.id = \"o-1\""), vars))
        .isTrue();
    assertThat(evaluator.evaluateBoolean(Expression.feel("not(order.total > limit)"), vars))
        .isFalse();
  }

  @Test
  void strings() throws ExpressionException {
    assertThat(
            evaluator.evaluateString(
                Expression.feel("upper case(order.customer.name) + \"-\" + order.id"), vars))
        .isEqualTo("ADA-o-1");
    assertThat(eval("string length(order.customer.address.city)")).isEqualTo(6L);
  }

  @Test
  void listsFiltersAndPaths() throws ExpressionException {
    assertThat(eval("order.items.sku")).isEqualTo(List.of("a", "b"));
    assertThat(eval("order.items[price > 30].sku")).isEqualTo(List.of("b"));
    assertThat(eval("sum(for i in order.items return i.price * i.qty)")).isEqualTo(80.5);
    assertThat(eval("count(order.items)")).isEqualTo(2L);
    assertThat(evaluator.evaluateList(Expression.feel("[1, \"two\", null, [3]]"), vars))
        .isEqualTo(Arrays.asList(1L, "two", null, List.of(3L)));
  }

  @Test
  void contexts() throws ExpressionException {
    Object result = eval("{id: order.id, city: order.customer.address.city, n: {x: 1}}");

    assertThat(result).isInstanceOf(LinkedHashMap.class);
    assertThat(result).isEqualTo(Map.of("id", "o-1", "city", "Berlin", "n", Map.of("x", 1L)));
    assertThat(eval("get value(order.customer, \"name\")")).isEqualTo("Ada");
    assertThat(eval("context put(order.customer.address, \"zip\", \"10115\")"))
        .isEqualTo(Map.of("city", "Berlin", "zip", "10115"));
  }

  @Test
  void contextLiteralKeepsKeyOrder() throws ExpressionException {
    Object result = eval("{e: 5, d: 4, c: 3, b: 2, a: 1, f: 6}");

    assertThat(List.copyOf(((Map<?, ?>) result).keySet()))
        .isEqualTo(List.of("e", "d", "c", "b", "a", "f"));
  }

  @Test
  void aWholeVariableMapComesBackWithItsKeyOrder() throws ExpressionException {
    Map<String, Object> doc = new LinkedHashMap<>();
    for (String key : List.of("z", "y", "x", "w", "v", "u")) {
      doc.put(key, key.toUpperCase());
    }

    Object result =
        evaluator.evaluate(Expression.feel("doc"), VariableLookup.of(Map.of("doc", doc)));

    assertThat(result).isEqualTo(doc);
    assertThat(List.copyOf(((Map<?, ?>) result).keySet()))
        .isEqualTo(List.of("z", "y", "x", "w", "v", "u"));
  }

  @Test
  void missingVariableIsNull() throws ExpressionException {
    assertThat(eval("nope")).isNull();
    assertThat(eval("nope = null")).isEqualTo(true);
    assertThat(eval("order.nope")).isNull();
    assertThat(eval("if nope = null then \"default\" else nope")).isEqualTo("default");
  }

  @Test
  void nullVariableValueIsNull() throws ExpressionException {
    Map<String, Object> map = new HashMap<>();
    map.put("x", null);

    assertThat(evaluator.evaluate(Expression.feel("x = null"), VariableLookup.of(map)))
        .isEqualTo(true);
  }

  @Test
  void nonBooleanConditionFailsWithZeebesMessage() {
    assertThatThrownBy(
            () -> evaluator.evaluateBoolean(Expression.parse("=x > 1"), VariableLookup.empty()))
        .isInstanceOfSatisfying(
            ExpressionException.class,
            ex -> {
              assertThat(ex.expression()).isEqualTo("=x > 1");
              assertThat(ex.getMessage())
                  .startsWith(
                      "Expected result of the expression 'x > 1' to be 'BOOLEAN', but was 'NULL'.")
                  .contains("The evaluation reported the following warnings:")
                  .contains("[NO_VARIABLE_FOUND] No variable found with name 'x'");
            });
  }

  @Test
  void wrongTypeNamesTheActualType() {
    assertThatThrownBy(() -> evaluator.evaluateBoolean(Expression.feel("order.id"), vars))
        .hasMessage(
            "Expected result of the expression 'order.id' to be 'BOOLEAN', but was 'STRING'.");
    assertThatThrownBy(() -> evaluator.evaluateString(Expression.feel("order.total"), vars))
        .hasMessage(
            "Expected result of the expression 'order.total' to be 'STRING', but was 'NUMBER'.");
    assertThatThrownBy(() -> evaluator.evaluateList(Expression.feel("order.customer"), vars))
        .hasMessage(
            "Expected result of the expression 'order.customer' to be 'ARRAY', but was 'OBJECT'.");
    assertThatThrownBy(() -> evaluator.evaluateLong(Expression.feel("order.items"), vars))
        .hasMessage(
            "Expected result of the expression 'order.items' to be 'NUMBER', but was 'ARRAY'.");
  }

  @Test
  void failedEvaluationNamesTheExpression() {
    assertThatThrownBy(
            () -> evaluator.evaluate(Expression.feel("assert(limit, limit > 1000)"), vars))
        .isInstanceOfSatisfying(
            ExpressionException.class,
            ex -> {
              assertThat(ex.expression()).isEqualTo("=assert(limit, limit > 1000)");
              assertThat(ex.getMessage()).contains("'assert(limit, limit > 1000)'");
            });
  }

  @Test
  void unknownFunctionIsNullWithAWarningAsInFeel119() throws ExpressionException {
    assertThat(eval("unknownFunction(1)")).isNull();
    assertThatThrownBy(() -> evaluator.evaluateBoolean(Expression.feel("unknownFunction(1)"), vars))
        .hasMessageContaining("but was 'NULL'")
        .hasMessageContaining("[NO_FUNCTION_FOUND]");
  }

  @Test
  void staticValues() throws ExpressionException {
    Expression jobType = Expression.parse("payment-service");

    assertThat(evaluator.evaluate(jobType, vars)).isEqualTo("payment-service");
    assertThat(evaluator.evaluateString(jobType, vars)).isEqualTo("payment-service");
    assertThat(evaluator.evaluateLong(Expression.parse("3"), vars)).isEqualTo(3L);
    assertThatThrownBy(() -> evaluator.evaluateBoolean(Expression.parse("true"), vars))
        .hasMessage("Expected result of the expression 'true' to be 'BOOLEAN', but was 'STRING'.");
    assertThatThrownBy(() -> evaluator.evaluateLong(jobType, vars))
        .hasMessage(
            "Expected result of the expression 'payment-service' to be 'NUMBER', but was"
                + " 'STRING'.");
  }

  @Test
  void longMustBeIntegral() throws ExpressionException {
    assertThat(evaluator.evaluateLong(Expression.feel("order.total / 4"), vars)).isEqualTo(30L);
    assertThat(evaluator.evaluateLong(Expression.feel("9223372036854775807"), vars))
        .isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> evaluator.evaluateLong(Expression.feel("5 / 2"), vars))
        .hasMessage(
            "Expected result of the expression '5 / 2' to be an integral 'NUMBER' within the range"
                + " of a long, but was '2.5'.");
    assertThatThrownBy(() -> evaluator.evaluateLong(Expression.feel("9223372036854775808"), vars))
        .hasMessageContaining("but was '9223372036854775808'");
  }

  @Test
  void variablesAreLookedUpLazilyOncePerName() throws ExpressionException {
    List<String> asked = new ArrayList<>();
    VariableLookup counting =
        name -> {
          asked.add(name);
          return name.equals("a") ? Optional.of(2) : Optional.empty();
        };

    Object result = evaluator.evaluate(Expression.feel("a * a + a"), counting);

    assertThat(result).isEqualTo(6L);
    assertThat(asked).containsExactly("a");
  }

  @Test
  void lookupFailurePropagatesUnchanged() {
    IllegalStateException dbDown = new IllegalStateException("database unavailable");

    assertThatThrownBy(
            () ->
                evaluator.evaluate(
                    Expression.feel("a + 1"),
                    name -> {
                      throw dbDown;
                    }))
        .isSameAs(dbDown);
  }

  @Test
  void unsupportedVariableTypeIsAProgrammingError() {
    VariableLookup weird = VariableLookup.of(Map.of("t", new Object()));

    assertThatThrownBy(() -> evaluator.evaluate(Expression.feel("t + 1"), weird))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported variable value of type 'java.lang.Object'");
  }

  @Test
  void unsupportedNestedValueFailsTheEvaluation() {
    VariableLookup weird = VariableLookup.of(Map.of("m", Map.of("t", new Object())));

    assertThatThrownBy(() -> evaluator.evaluate(Expression.feel("m.t"), weird))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("failed to evaluate expression 'm.t'")
        .hasMessageContaining("unsupported variable value of type 'java.lang.Object'");
  }
}
