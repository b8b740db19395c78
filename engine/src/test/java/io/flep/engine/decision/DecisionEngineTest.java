package io.flep.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DecisionEngineTest {

  private static final DecisionEngine ENGINE = new DecisionEngine();
  private static DecisionGraph orders;

  @BeforeAll
  static void parseOrders() throws Exception {
    orders = ENGINE.parse("order-decisions.dmn", resource("order-decisions.dmn"));
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = DecisionEngineTest.class.getResourceAsStream("/dmn/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  private static Map<String, Object> order(String customerType, Object total, String country) {
    return Map.of(
        "customer",
        Map.of("type", customerType, "name", "Ada", "address", Map.of("country", country)),
        "orderTotal",
        total,
        "items",
        List.of(Map.of("sku", "a"), Map.of("sku", "b")));
  }

  @Test
  void parseDescribesTheGraph() throws IOException {
    assertThat(orders.id()).isEqualTo("Definitions_Order");
    assertThat(orders.name()).isEqualTo("Order decisions");
    assertThat(orders.namespace()).isEqualTo("http://flep.io/test/order");
    assertThat(orders.decisions())
        .containsExactly(
            new DecisionGraph.Decision("discount", "Discount"),
            new DecisionGraph.Decision("shipping", "Shipping"),
            new DecisionGraph.Decision("tags", "Tags"),
            new DecisionGraph.Decision("greeting", "Greeting"),
            new DecisionGraph.Decision("finalPrice", "Final price"));
    assertThat(orders.xml()).isEqualTo(resource("order-decisions.dmn"));
    assertThat(orders.hasDecision("tags")).isTrue();
    assertThat(orders.hasDecision("nope")).isFalse();
  }

  @Test
  void graphXmlCannotBeChangedFromOutside() {
    orders.xml()[0] = 'X';

    assertThat(orders.xml()[0]).isEqualTo((byte) '<');
  }

  @Test
  void uniqueHitPolicyYieldsTheSingleOutputValue() throws DecisionException {
    assertThat(ENGINE.evaluate(orders, "discount", order("gold", 150, "DE"))).isEqualTo(0.2);
    assertThat(ENGINE.evaluate(orders, "discount", order("gold", 99.5, "DE"))).isEqualTo(0.1);
    assertThat(ENGINE.evaluate(orders, "discount", order("regular", 5, "DE"))).isEqualTo(0L);
  }

  @Test
  void uniqueHitPolicyWithoutMatchYieldsNull() throws DecisionException {
    assertThat(ENGINE.evaluate(orders, "discount", order("platinum", 150, "DE"))).isNull();
  }

  @Test
  void uniqueHitPolicyWithTwoMatchesFails() {
    assertThatThrownBy(() -> ENGINE.evaluate(orders, "discount", order("overlap", 50, "DE")))
        .isInstanceOf(DecisionException.class)
        .hasMessageStartingWith("Expected to evaluate decision 'discount', but ")
        .hasMessageContaining("UNIQUE");
  }

  @Test
  void firstHitPolicyWithSeveralOutputsYieldsAMap() throws DecisionException {
    assertThat(ENGINE.evaluate(orders, "shipping", order("gold", 1, "DE")))
        .isEqualTo(Map.of("carrier", "DHL", "days", 1L));
    assertThat(ENGINE.evaluate(orders, "shipping", order("gold", 1, "NL")))
        .isEqualTo(Map.of("carrier", "DPD", "days", 3L));
    assertThat(ENGINE.evaluate(orders, "shipping", order("gold", 1, "JP")))
        .isEqualTo(Map.of("carrier", "UPS", "days", 7.5));
  }

  @Test
  void collectHitPolicyYieldsAListInRuleOrderOrNullWithoutMatch() throws DecisionException {
    assertThat(ENGINE.evaluate(orders, "tags", order("gold", 2000, "DE")))
        .isEqualTo(List.of("big", "huge", "paid"));
    assertThat(ENGINE.evaluate(orders, "tags", order("gold", 100, "DE")))
        .isEqualTo(List.of("big", "paid"));
    assertThat(ENGINE.evaluate(orders, "tags", order("gold", 0, "DE"))).isNull();
  }

  @Test
  void literalExpressionDecision() throws DecisionException {
    assertThat(ENGINE.evaluate(orders, "greeting", order("gold", 1, "DE")))
        .isEqualTo("Hello Ada (2 items)");
  }

  @Test
  void requiredDecisionIsEvaluatedFirst() throws DecisionException {
    assertThat(ENGINE.evaluate(orders, "finalPrice", order("gold", 200, "DE"))).isEqualTo(160L);
    assertThat(ENGINE.evaluate(orders, "finalPrice", order("gold", 50, "DE"))).isEqualTo(45L);
  }

  @Test
  void missingInputVariableIsNull() throws DecisionException {
    assertThat(ENGINE.evaluate(orders, "shipping", Map.of()))
        .isEqualTo(Map.of("carrier", "UPS", "days", 7.5));
  }

  @Test
  void unknownDecisionIdFails() {
    assertThatThrownBy(() -> ENGINE.evaluate(orders, "nope", Map.of()))
        .isInstanceOf(DecisionException.class)
        .hasMessage("Expected to evaluate decision 'nope', but no decision found with id 'nope'");
  }

  @Test
  void xmlThatIsNoXmlFails() {
    byte[] junk = "this is not xml".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ENGINE.parse("junk.dmn", junk))
        .isInstanceOf(DecisionException.class)
        .hasMessageStartingWith("Failed to parse DMN resource 'junk.dmn': ");
  }

  @Test
  void xmlThatIsNoDmnFails() {
    byte[] bpmn =
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"x\"/>"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ENGINE.parse("process.bpmn", bpmn))
        .isInstanceOf(DecisionException.class)
        .hasMessageStartingWith("Failed to parse DMN resource 'process.bpmn': ");
  }

  @Test
  void feelSyntaxErrorFailsAtParseNamingResourceAndExpression() {
    assertThatThrownBy(() -> ENGINE.parse("invalid-feel.dmn", resource("invalid-feel.dmn")))
        .isInstanceOf(DecisionException.class)
        .hasMessageStartingWith("Failed to parse DMN resource 'invalid-feel.dmn': ")
        .hasMessageContaining("foo(");
  }

  @Test
  void resourceWithoutDecisionFails() {
    assertThatThrownBy(() -> ENGINE.parse("no-decision.dmn", resource("no-decision.dmn")))
        .isInstanceOf(DecisionException.class)
        .hasMessage("Failed to parse DMN resource 'no-decision.dmn': it contains no decision");
  }

  @Test
  void clockDrivesToday() throws DecisionException {
    String xml =
        "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\""
            + " name=\"Dates\" namespace=\"http://flep.io/test/dates\">"
            + "<decision id=\"today\" name=\"Today\"><literalExpression id=\"l\">"
            + "<text>today() + duration(\"P1D\")</text></literalExpression></decision>"
            + "</definitions>";
    DecisionEngine fixed =
        new DecisionEngine(Clock.fixed(Instant.parse("2026-02-28T12:00:00Z"), ZoneOffset.UTC));

    DecisionGraph graph = fixed.parse("dates.dmn", xml.getBytes(StandardCharsets.UTF_8));

    assertThat(fixed.evaluate(graph, "today", Map.of())).isEqualTo("2026-03-01");
  }

  @Test
  void oneEngineAndGraphServeManyThreads() throws Exception {
    List<Future<?>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    long total = i * 10L;
                    Object expected = total >= 100 ? 0.2 : 0.1;
                    assertThat(ENGINE.evaluate(orders, "discount", order("gold", total, "DE")))
                        .isEqualTo(expected);
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    }
  }
}
