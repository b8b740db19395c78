package io.flep.engine.decision;

import io.flep.engine.expression.FeelValues;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDmn;
import org.camunda.feel.FeelEngine;
import scala.util.Either;
import scala.util.Left;

/**
 * Parses and evaluates DMN decision requirements graphs with dmn-scala. Thread-safe; create one per
 * engine.
 *
 * <p>dmn-scala builds and configures its own FEEL engine (the same feel-scala library as {@link
 * io.flep.engine.expression.ExpressionEvaluator}) and offers no way to pass one in, so this class
 * takes no {@code ExpressionEvaluator}; the only hook would be a JVM-wide {@code ServiceLoader}
 * value mapper, which would change every dmn-scala user in the JVM. Instead, variables are
 * converted to FEEL values here with {@link FeelValues} (so numbers, maps and lists mean the same
 * as in BPMN expressions) and results are converted back with it.
 *
 * <p>A decision's result is dmn-scala's result, which Zeebe passes on to a business rule task's
 * {@code resultVariable}: a single-output table with UNIQUE/FIRST/ANY/PRIORITY yields the output
 * value; several outputs yield a map from output name to value; COLLECT and RULE ORDER yield a list
 * (of values, or of maps), COLLECT with an aggregator the aggregate; no matching rule yields {@code
 * null}, also for COLLECT (dmn-scala's nil result); a literal expression yields its value. Maps
 * built by dmn-scala do not keep the outputs' order. An undefined input variable is {@code null}.
 */
public final class DecisionEngine {

  private final DmnEngine dmn;

  /** Creates an engine whose FEEL {@code now()} and {@code today()} read the system clock. */
  public DecisionEngine() {
    this(Clock.systemDefaultZone());
  }

  /**
   * Creates an engine whose FEEL {@code now()} and {@code today()} read {@code clock}.
   *
   * @param clock the clock for FEEL's current time
   */
  public DecisionEngine(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    this.dmn = new DmnEngine.Builder().clock(() -> ZonedDateTime.now(clock)).build();
  }

  /**
   * Parses a DMN resource, including all FEEL expressions in it.
   *
   * @param resourceName the resource name, for messages
   * @param dmnXml the DMN XML
   * @return the parsed graph
   * @throws DecisionException if the XML is not valid DMN, an expression does not parse, or the
   *     resource has no decision; the message names the resource and the cause
   */
  public DecisionGraph parse(String resourceName, byte[] dmnXml) throws DecisionException {
    Objects.requireNonNull(resourceName, "resourceName");
    Objects.requireNonNull(dmnXml, "dmnXml");
    Either<DmnEngine.Failure, ParsedDmn> result = dmn.parse(new ByteArrayInputStream(dmnXml));
    if (result instanceof Left<DmnEngine.Failure, ParsedDmn> failure) {
      throw new DecisionException(
          String.format(
              "Failed to parse DMN resource '%s': %s", resourceName, failure.value().message()));
    }
    ParsedDmn parsed = result.toOption().get();
    Definitions definitions = parsed.model().getDefinitions();
    List<DecisionGraph.Decision> decisions = new ArrayList<>();
    for (Decision decision : definitions.getChildElementsByType(Decision.class)) {
      String name = decision.getName() == null ? decision.getId() : decision.getName();
      decisions.add(new DecisionGraph.Decision(decision.getId(), name));
    }
    if (decisions.isEmpty()) {
      throw new DecisionException(
          String.format(
              "Failed to parse DMN resource '%s': it contains no decision", resourceName));
    }
    String graphName = definitions.getName() == null ? definitions.getId() : definitions.getName();
    return new DecisionGraph(
        definitions.getId(),
        graphName,
        Objects.requireNonNullElse(definitions.getNamespace(), ""),
        decisions,
        dmnXml,
        parsed);
  }

  /**
   * Evaluates a decision of a graph, with its required decisions.
   *
   * @param graph a graph from {@link #parse}
   * @param decisionId the id of the decision to evaluate
   * @param variables the input variables in the engine's Java value model; read, not modified
   * @return the decision result in the engine's Java value model, as described above
   * @throws DecisionException if there is no such decision or its evaluation fails; the message
   *     names the decision and the cause
   */
  public Object evaluate(DecisionGraph graph, String decisionId, Map<String, ?> variables)
      throws DecisionException {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(variables, "variables");
    Map<String, Object> feelVariables = new LinkedHashMap<>();
    variables.forEach((name, value) -> feelVariables.put(name, FeelValues.toFeel(value)));

    Either<DmnEngine.EvalFailure, DmnEngine.EvalResult> result =
        dmn.eval((ParsedDmn) graph.parsed(), decisionId, feelVariables);
    if (result instanceof Left<DmnEngine.EvalFailure, DmnEngine.EvalResult> failure) {
      throw new DecisionException(
          String.format(
              "Expected to evaluate decision '%s', but %s",
              decisionId, failure.value().failure().message()));
    }
    DmnEngine.EvalResult evalResult = result.toOption().get();
    if (evalResult.isNil()) {
      return null;
    }
    return FeelValues.toJava(FeelEngine.defaultValueMapper().toVal(evalResult.value()));
  }
}
