package io.flep.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeelValuesTest {

  private final ExpressionEvaluator evaluator = new ExpressionEvaluator();

  private Object roundTrip(Object value) throws ExpressionException {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("v", value);
    return evaluator.evaluate(Expression.feel("v"), VariableLookup.of(vars));
  }

  @Test
  void numbers() throws ExpressionException {
    assertThat(roundTrip(42)).isEqualTo(42L);
    assertThat(roundTrip(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(roundTrip(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    assertThat(roundTrip(2.0)).isEqualTo(2L);
    assertThat(roundTrip(0.1)).isEqualTo(0.1);
    assertThat(roundTrip(-1.5e-7)).isEqualTo(-1.5e-7);
    assertThat(roundTrip(new BigInteger("18446744073709551616"))).isEqualTo(1.8446744073709552E19);
    assertThat(roundTrip(new BigDecimal("1E+400"))).isEqualTo(new BigDecimal("1E+400"));
    assertThat(roundTrip(Double.NaN)).isNull();
  }

  @Test
  void scalars() throws ExpressionException {
    assertThat(roundTrip("text")).isEqualTo("text");
    assertThat(roundTrip(true)).isEqualTo(true);
    assertThat(roundTrip(null)).isNull();
  }

  @Test
  void nestedMapsAndListsRoundTripAsJacksonProducesThem() throws Exception {
    String json =
        "{\"a\":1,\"b\":[1,2.5,\"x\",null,{\"c\":{\"d\":[true,false]}}],\"e\":{},\"f\":[],"
            + "\"g\":null,\"h\":-7,\"i\":12345678901234}";
    ObjectMapper jackson = new ObjectMapper();
    Object value = jackson.readValue(json, Object.class);

    Object result = roundTrip(value);

    assertThat(result).isEqualTo(normalize(value));
    assertThat(jackson.writeValueAsString(result)).isEqualTo(json);
  }

  @Test
  void javaValuesAreFreshMutableCollections() throws ExpressionException {
    Object result = roundTrip(List.of(Map.of("k", List.of(1))));

    assertThat(result).isInstanceOf(java.util.ArrayList.class);
    Map<?, ?> first = (Map<?, ?>) ((List<?>) result).get(0);
    assertThat(first).isInstanceOf(LinkedHashMap.class);
    assertThat(first.get("k")).isEqualTo(List.of(1L));
  }

  @Test
  void listWithNullsKeepsThem() throws ExpressionException {
    assertThat(roundTrip(Arrays.asList(null, 1, null))).isEqualTo(Arrays.asList(null, 1L, null));
  }

  /** Jackson reads small integers as Integer; the engine hands them back as Long. */
  private static Object normalize(Object value) {
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, normalize(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return list.stream()
          .map(FeelValuesTest::normalize)
          .collect(java.util.stream.Collectors.toList());
    }
    return value;
  }
}
